<?cs # /account/preferences: languages, page size, date format, notifications. ?><?cs
def:title() ?><?cs var:Lang.prefs.title ?><?cs /def ?><?cs
def:checkbox(name, label) ?>
 <div class="form-check"><input type="checkbox" id="<?cs var:name ?>" name="<?cs var:name ?>" value="on"<?cs if:Page.prefs[name] == "1" ?> checked<?cs /if ?>> <label for="<?cs var:name ?>"><?cs var:label ?></label></div>
<?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.prefs.title) ?>
<h1><?cs var:Lang.prefs.title ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.account.saved.preferences ?></p></div><?cs /if ?>
<form class="form" method="post" action="/account/preferences">
 <?cs call:csrf() ?>
 <fieldset>
  <legend><?cs var:Lang.prefs.display ?></legend>
  <div class="form-field">
   <label for="ui_lang"><?cs var:Lang.prefs.ui_lang ?></label>
   <select id="ui_lang" name="ui_lang">
    <option value=""><?cs var:Lang.prefs.browser_lang ?></option>
    <?cs each:l = Lang.prefs.ui_langs ?><option value="<?cs name:l ?>" lang="<?cs name:l ?>"<?cs if:Page.prefs.ui_lang == name(l) ?> selected<?cs /if ?>><?cs var:l ?></option><?cs /each ?>
   </select>
  </div>
  <div class="form-field">
   <label for="data_lang"><?cs var:Lang.prefs.data_lang ?></label>
   <p class="hint" id="data_lang-hint"><?cs var:Lang.prefs.data_lang_hint ?></p>
   <select id="data_lang" name="data_lang" aria-describedby="data_lang-hint">
    <option value=""><?cs var:Lang.prefs.data_lang_default ?></option>
    <?cs each:l = Lang.languages ?><option value="<?cs name:l ?>"<?cs if:Page.prefs.data_lang == name(l) ?> selected<?cs /if ?>><?cs var:l ?> (<?cs name:l ?>)</option><?cs /each ?>
   </select>
  </div>
  <div class="form-field">
   <label for="page_size"><?cs var:Lang.prefs.page_size ?></label>
   <select id="page_size" name="page_size">
    <option value=""><?cs var:Lang.prefs.page_size_default ?></option>
    <?cs call:size_options(Page.prefs.page_size) ?>
   </select>
  </div>
  <div class="form-field">
   <label for="date_format"><?cs var:Lang.prefs.date_format ?></label>
   <select id="date_format" name="date_format">
    <?cs each:f = Lang.prefs.date_formats ?><option value="<?cs name:f ?>"<?cs if:Page.prefs.date_format == name(f) ?> selected<?cs /if ?>><?cs var:f ?></option><?cs /each ?>
   </select>
  </div>
 </fieldset>
 <fieldset>
  <legend><?cs var:Lang.prefs.notifications ?></legend>
  <p class="hint"><?cs var:Lang.prefs.notifications_hint ?></p>
  <?cs call:checkbox("notify_requests", Lang.prefs.notify_requests) ?>
  <?cs call:checkbox("notify_following", Lang.prefs.notify_following) ?>
  <?cs call:checkbox("notify_queue", Lang.prefs.notify_queue) ?>
 </fieldset>
 <p class="actions"><button type="submit"><?cs var:Lang.prefs.submit ?></button> <a class="button button-secondary" href="/account"><?cs var:Lang.form.cancel ?></a></p>
</form>
<?cs /def ?>
