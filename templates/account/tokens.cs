<?cs # /account/tokens: the account's personal access tokens for the write API (name, scope, made, expires, last used, state; a form per live token to revoke it), the form that makes one, and a new token, shown this once. ?><?cs
def:title() ?><?cs var:Lang.tokens.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.tokens.title) ?>
<h1><?cs var:Lang.tokens.title ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.tokens.saved[Page.saved] ?></p></div><?cs /if ?>
<?cs if:Page.created.secret ?>
<section class="notice notice-success token-new" role="status" aria-labelledby="token-new">
 <h2 id="token-new"><?cs var:Lang.tokens.created_title ?></h2>
 <p><?cs var:Lang.tokens.created_lead ?></p>
 <p><strong><?cs var:Page.created.name ?></strong> (<?cs var:Lang.tokens.scopes[Page.created.scope].name ?>)</p>
 <p><label for="token-secret"><?cs var:Lang.tokens.secret ?></label><br>
 <input id="token-secret" class="token-secret" type="text" readonly value="<?cs var:Page.created.secret ?>" size="52" autocomplete="off" spellcheck="false"></p>
</section>
<?cs /if ?>
<p class="lead"><?cs var:Lang.tokens.lead ?> <a href="/api"><?cs var:Lang.tokens.docs ?></a></p>
<?cs if:subcount(Page.tokens) > 0 ?>
<?cs call:table_frame(Lang.tokens.title) ?><table class="data-table stacked">
 <thead><tr><th scope="col"><?cs var:Lang.tokens.name ?></th><th scope="col"><?cs var:Lang.tokens.scope ?></th><th scope="col"><?cs var:Lang.tokens.created ?> (UTC)</th><th scope="col"><?cs var:Lang.tokens.expires ?></th><th scope="col"><?cs var:Lang.tokens.used ?> (UTC)</th><th scope="col"><span class="visually-hidden"><?cs var:Lang.tokens.action ?></span></th></tr></thead>
 <tbody><?cs each:t = Page.tokens ?>
  <tr><th scope="row"><?cs var:t.name ?><?cs if:t.state != "live" ?> <?cs call:badge("inactive", Lang.tokens.states[t.state]) ?><?cs /if ?></th>
   <td data-label="<?cs var:Lang.tokens.scope ?>"><?cs var:Lang.tokens.scopes[t.scope].name ?></td>
   <td data-label="<?cs var:Lang.tokens.created ?> (UTC)"><?cs call:date(t.created) ?></td>
   <td data-label="<?cs var:Lang.tokens.expires ?>"><?cs call:date(t.expires) ?></td>
   <td data-label="<?cs var:Lang.tokens.used ?> (UTC)"><?cs if:t.used ?><?cs call:date(t.used) ?><?cs else ?><?cs var:Lang.tokens.never ?><?cs /if ?></td>
   <td><?cs if:t.state == "live" ?><form class="inline-form" method="post" action="/account/tokens/<?cs var:t.id ?>/revoke"><?cs call:csrf() ?><button type="submit" class="button-secondary"><?cs var:Lang.tokens.revoke ?><span class="visually-hidden">: <?cs var:t.name ?></span></button></form><?cs /if ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:Lang.tokens.none ?></p><?cs /if ?>
<section class="narrow" aria-labelledby="token-make">
<h2 id="token-make"><?cs var:Lang.tokens.make_title ?></h2>
<form class="form" method="post" action="/account/tokens">
 <?cs call:csrf() ?>
 <?cs call:input("name", "text", Lang.tokens.name, Page.typed.name, "off", Lang.tokens.name_hint) ?>
 <fieldset<?cs if:Page.errors.scope ?> class="form-field-error"<?cs /if ?>>
  <legend id="scope"><?cs var:Lang.tokens.scope ?></legend>
  <?cs call:field_error("scope", Lang.tokens.scope) ?>
  <?cs each:c = Lang.tokens.scopes ?><?cs if:name(c) != "decide" || Page.may_decide ?>
  <div class="form-check form-check-described"><input type="radio" id="scope-<?cs name:c ?>" name="scope" value="<?cs name:c ?>"<?cs if:Page.typed.scope == name(c) ?> checked<?cs /if ?> aria-describedby="scope-<?cs name:c ?>-text"> <label for="scope-<?cs name:c ?>"><?cs var:c.name ?></label></div>
  <p class="hint" id="scope-<?cs name:c ?>-text"><?cs var:c.text ?></p>
  <?cs /if ?><?cs /each ?>
 </fieldset>
 <div class="form-field<?cs if:Page.errors.expires_days ?> form-field-error<?cs /if ?>">
  <label for="expires_days"><?cs var:Lang.tokens.expires_days ?></label>
  <p class="hint" id="expires_days-hint"><?cs var:Lang.tokens.expires_hint ?> <?cs var:Page.days_max ?></p>
  <?cs call:field_error("expires_days", Lang.tokens.expires_days) ?>
  <input id="expires_days" name="expires_days" type="number" inputmode="numeric" min="1" max="<?cs var:Page.days_max ?>" value="<?cs var:Page.typed.expires_days ?>" aria-describedby="<?cs if:Page.errors.expires_days ?>expires_days-error <?cs /if ?>expires_days-hint">
 </div>
 <?cs call:input("current_password", "password", Lang.form.current_password, "", "current-password", Lang.tokens.password_hint) ?>
 <p class="actions"><button type="submit"><?cs var:Lang.tokens.make ?></button></p>
</form>
</section>
<?cs /def ?>
