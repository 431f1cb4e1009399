/* ClearSilver's headers.  Its cs_config.h defines PACKAGE_NAME and friends
 * of its own; this wrapper keeps the portal's definitions. */
#ifndef SPOR_CLEARSILVER_H
#define SPOR_CLEARSILVER_H

#pragma push_macro("PACKAGE_NAME")
#pragma push_macro("PACKAGE_STRING")
#pragma push_macro("PACKAGE_TARNAME")
#pragma push_macro("PACKAGE_VERSION")
#pragma push_macro("PACKAGE_BUGREPORT")
#pragma push_macro("PACKAGE_URL")
#undef PACKAGE_NAME
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_VERSION
#undef PACKAGE_BUGREPORT
#undef PACKAGE_URL
#include <ClearSilver.h>
#pragma pop_macro("PACKAGE_NAME")
#pragma pop_macro("PACKAGE_STRING")
#pragma pop_macro("PACKAGE_TARNAME")
#pragma pop_macro("PACKAGE_VERSION")
#pragma pop_macro("PACKAGE_BUGREPORT")
#pragma pop_macro("PACKAGE_URL")

#endif
