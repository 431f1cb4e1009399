#!/bin/sh
# Every source, template, static, database and test file is named in
# Makefile.am, so that builds, installs and `make dist` carry it.
root=${top_srcdir:-.}
cd "$root" || exit 1
missing=""
for f in cgi/*.[ch] cgi/*/*.[ch] templates/*.cs templates/lang/*.hdf static/* db/*.sql db/migrations/*.sql db/demo/* \
         tests/unit/*.c tests/http/*.c tests/http/*.h tests/lint/*.sh tests/browser/*.mjs tests/fhir/*.mjs tests/fixtures/*/* tests/fixtures/*/*/* tests/fixtures/*/*/*/* \
         tests/fuzz/*.[ch] tests/fuzz/*.dict tests/fuzz/corpus/*/* \
         script/* nginx/*.in docs/*.md; do
    [ -e "$f" ] || continue
    case $f in
        tests/unit/*.c|tests/http/test_*.c) name=${f%.c} ;;
        *) name=$f ;;
    esac
    grep -q "$name" Makefile.am || missing="$missing $f"
done
if [ -z "$missing" ]; then
    echo "ok 1 - every project file is named in Makefile.am"
else
    echo "not ok 1 - every project file is named in Makefile.am"
    echo "# missing:$missing"
fi
echo "1..1"
[ -z "$missing" ]
