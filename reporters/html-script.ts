// The HTML report's one inline script (allowed by its CSP hash, so nothing else can run). It
// filters the scenario list ("show only" by outcome, level, finding; search over ids, titles,
// reasons, RFC sections and scimType), keeps the filters in the URL hash, opens the row a
// "#scenario-id" link names, renders a row's details from the embedded data when it is opened
// (textContent only: a hostile body stays text), and puts a copy button beside each curl line.
import { createHash } from 'node:crypto';

export const SCRIPT = `
(function(){
  'use strict';
  var data=JSON.parse(document.getElementById('report-data').textContent);
  var byId={},links=data.links||{};data.scenarios.forEach(function(s){byId[s.id]=s;});
  var rows=[].slice.call(document.querySelectorAll('ol.scenarios>li'));
  var buttons=[].slice.call(document.querySelectorAll('.filters button[data-filter]'));
  var q=document.getElementById('q'),sel=document.getElementById('finding'),shown=document.getElementById('shown');
  var KEYS=['outcome','level','finding','q'];
  var text={};
  rows.forEach(function(r){
    var s=byId[r.dataset.id]||{};var extra=[s.fam,s.sec,s.e,s.a,s.c,s.r].concat(s.refs||[]);
    (s.scim||[]).forEach(function(t){extra.push('scimType '+t);});
    text[r.dataset.id]=(r.textContent+' '+extra.join(' ')).toLowerCase();
  });
  function empty(){return{outcome:[],level:[],finding:'',q:''};}
  var state=empty();
  function isEmpty(){return !state.outcome.length&&!state.level.length&&!state.finding&&!state.q;}
  function dec(v){try{return decodeURIComponent(v);}catch(e){return v;}}
  function matches(r){
    if(state.outcome.length&&state.outcome.indexOf(r.dataset.outcome)<0)return false;
    if(state.level.length&&state.level.indexOf(r.dataset.level)<0)return false;
    if(state.finding&&r.dataset.finding!==state.finding)return false;
    var words=state.q.toLowerCase().split(' ').filter(Boolean),t=text[r.dataset.id]||'';
    for(var i=0;i<words.length;i++)if(t.indexOf(words[i])<0)return false;
    return true;
  }
  function writeHash(){
    var parts=[];
    if(state.outcome.length)parts.push('outcome='+state.outcome.map(encodeURIComponent).join(','));
    if(state.level.length)parts.push('level='+state.level.map(encodeURIComponent).join(','));
    if(state.finding)parts.push('finding='+encodeURIComponent(state.finding));
    if(state.q)parts.push('q='+encodeURIComponent(state.q));
    try{history.replaceState(null,'',location.href.split('#')[0]+(parts.length?'#'+parts.join('&'):''));}catch(e){}
  }
  function apply(write){
    var n=0;
    rows.forEach(function(r){var ok=matches(r);r.hidden=!ok;if(ok)n++;});
    buttons.forEach(function(b){b.setAttribute('aria-pressed',String(state[b.dataset.filter].indexOf(b.dataset.value)>=0));});
    if(q.value!==state.q)q.value=state.q;
    if(sel&&sel.value!==state.finding)sel.value=state.finding;
    shown.textContent=n+' of '+rows.length+' scenarios shown'+(isEmpty()?'':' (filtered; "show all" clears it)');
    if(write)writeHash();
  }
  function isFilterHash(h){var i=h.indexOf('=');return i>0&&KEYS.indexOf(h.slice(0,i))>=0;}
  function readHash(h){
    var s=empty();
    h.split('&').forEach(function(part){
      var i=part.indexOf('=');if(i<0)return;var k=part.slice(0,i),v=part.slice(i+1);
      if(k==='outcome'||k==='level')s[k]=v.split(',').filter(Boolean).map(dec);
      else if(k==='finding'||k==='q')s[k]=dec(v);
    });
    return s;
  }
  function el(tag,cls,txt){var e=document.createElement(tag);if(cls)e.className=cls;if(txt!=null)e.textContent=txt;return e;}
  function link(t){var h=Object.prototype.hasOwnProperty.call(links,t)?links[t]:null;if(h){var a=el('a',null,t);a.href=h;a.rel='noopener noreferrer';return a;}return document.createTextNode(t);}
  function fallback(t){
    var a=el('textarea','offscreen');a.value=t;a.setAttribute('readonly','');document.body.appendChild(a);a.select();
    var ok=false;try{ok=document.execCommand('copy');}catch(e){}document.body.removeChild(a);return ok;
  }
  function copy(t,b){
    function done(ok){b.textContent=ok?'copied':'select and copy';setTimeout(function(){b.textContent='copy';},1500);}
    if(navigator.clipboard&&navigator.clipboard.writeText)navigator.clipboard.writeText(t).then(function(){done(true);},function(){done(fallback(t));});
    else done(fallback(t));
  }
  function copyLine(pre){
    var line=el('div','copyline'),b=el('button','copy','copy');b.type='button';b.setAttribute('aria-label','copy to the clipboard');
    b.addEventListener('click',function(){copy(pre.textContent,b);});line.appendChild(pre);line.appendChild(b);return line;
  }
  function render(d){
    var box=d.querySelector('[data-render]');if(!box||box.dataset.done)return;box.dataset.done='1';
    var s=byId[box.dataset.render];if(!s){box.appendChild(el('p','muted','This scenario is not in the report data.'));return;}
    var dl=el('dl');
    function item(k,v){if(v==null||v==='')return;dl.appendChild(el('dt',null,k));var dd=el('dd');if(typeof v==='string')dd.textContent=v;else dd.appendChild(v);dl.appendChild(dd);}
    item('Why',s.r);if(s.e!=null)item('Expected',el('code',null,s.e));if(s.a!=null)item('Actual',el('code',null,s.a));item('Capability',s.c);
    item('Section',link(s.sec));
    if(s.refs.length){var f=document.createDocumentFragment();s.refs.forEach(function(p,i){if(i)f.appendChild(document.createTextNode(', '));f.appendChild(link(p));});item('Refs',f);}
    item('Family',s.fam);item('Duration',s.ms+' ms');
    box.appendChild(dl);
    (s.x||[]).forEach(function(x){
      var w=el('div','exchange');w.appendChild(el('h4',null,x.t));if(x.cut){box.appendChild(w);return;}var p=el('div','pair');
      var a=el('div');a.appendChild(el('span','muted','request'));a.appendChild(el('pre',null,x.q));
      var b=el('div');b.appendChild(el('span','muted','response'));b.appendChild(el('pre',null,x.p));
      p.appendChild(a);p.appendChild(b);w.appendChild(p);box.appendChild(w);
    });
    if((s.x||[]).some(function(x){return x.cut;}))box.appendChild(el('p','muted','Only the first line of these exchanges is in this report, to keep it small; result.json beside it has every exchange in full, and each finding\\'s example shows one.'));
    if(s.curl){var c=el('div');c.appendChild(el('strong',null,'Reproduce'));c.appendChild(copyLine(el('pre','curl',s.curl)));box.appendChild(c);}
  }
  function route(){
    var h=location.hash.slice(1);if(!h)return;
    if(isFilterHash(h)){state=readHash(h);apply(false);var list=document.getElementById('scenarios');if(list)list.scrollIntoView();return;}
    var t=document.getElementById(dec(h));if(!t)return;
    if(t.parentElement&&t.parentElement.classList.contains('scenarios')){
      if(t.hidden){state=empty();apply(false);}
      rows.forEach(function(r){r.classList.remove('target');});t.classList.add('target');
      var d=t.querySelector('details');if(d&&!d.open){d.open=true;render(d);}
    }
    t.scrollIntoView();
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){
    var list=state[b.dataset.filter],i=list.indexOf(b.dataset.value);
    if(i>=0)list.splice(i,1);else list.push(b.dataset.value);
    apply(true);
  });});
  [].forEach.call(document.querySelectorAll('[data-only]'),function(li){
    function only(){state.outcome=[li.dataset.only];apply(true);document.getElementById('scenarios').scrollIntoView();}
    li.addEventListener('click',only);
    li.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();only();}});
  });
  document.getElementById('all').addEventListener('click',function(){state=empty();apply(true);});
  q.addEventListener('input',function(){state.q=q.value;apply(true);});
  if(sel)sel.addEventListener('change',function(){state.finding=sel.value;apply(true);});
  document.addEventListener('toggle',function(ev){var d=ev.target;if(d&&d.tagName==='DETAILS'&&d.open)render(d);},true);
  window.addEventListener('hashchange',route);
  [].forEach.call(document.querySelectorAll('pre.copyable'),function(pre){var parent=pre.parentNode,next=pre.nextSibling;parent.insertBefore(copyLine(pre),next);});
  [].forEach.call(document.querySelectorAll('details[open]'),render);
  apply(false);
  route();
})();
`;

/** CSP hash of the inline script: even if escaping ever failed, an injected script would not run. */
export const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;
