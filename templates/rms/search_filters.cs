<?cs # The fields of /rms/search's form but the words: a list, a status, a
# domain and the data language to choose from, the request's choices
# selected.  Rendered alone and kept (cgi/rms/rms_search.c, put_filters);
# rms/search.cs puts it in the form. ?> <div class="field">
  <label for="list"><?cs var:Lang.rms.list ?></label>
  <select id="list" name="list"><option value=""><?cs var:Lang.search.any_list ?></option><?cs each:l = Page.lists ?><option value="<?cs var:l.id ?>"<?cs if:Page.list == l.id ?> selected<?cs /if ?>><?cs var:l.name ?></option><?cs /each ?></select>
 </div>
 <?cs call:field_status(Page.status) ?>
 <?cs call:field_domain(Page.domain) ?>
 <div class="field">
  <label for="data_lang"><?cs var:Lang.rms.data_language ?></label>
  <select id="data_lang" name="data_lang"><?cs each:l = Lang.languages ?><option value="<?cs name:l ?>"<?cs if:Page.lang == name(l) ?> selected<?cs /if ?>><?cs var:l ?></option><?cs /each ?></select>
 </div>
