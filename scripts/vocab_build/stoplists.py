"""Stop-lists: surface forms no vocabulary may keep (common words, ambiguous abbreviations)."""

from __future__ import annotations

# COMMON_WORDS: surface forms that are ordinary English words (case-insensitive
# whole-string match).  Gene alias symbols such as CAT, SET, MICE, IMPACT, ALL,
# CELL, AIM, LIGHT (TNFSF14) or APRIL (TNFSF13) would otherwise match ordinary
# prose (or dates).  Such synonyms are removed from every vocabulary; a gene
# whose *approved symbol* is a common word is dropped from proteins.tsv.
# Medically meaningful words (pain, fever, shock, stroke, wound...) are
# deliberately NOT in the list: they are legitimate findings in this corpus.
COMMON_WORDS = frozenset(
    """
a an and are as at be but by for from has have in is it its no not of on or so the to up us was we
with all aim act add age aid air any arm art ask bad bag bar bat bed big bit box boy bus buy can cap car
cat cell cut day did die dog ear eat egg end eye far fat few fig fit fix fly fun gap gas get god got gun
guy had hat her him hip his hit hot how ice ill jet job key kid kit lab lay led leg let lie lip lot low
mad man map max may men met mice mix mob mud net new nor now nut odd off oil old one our out own pad pan
pay pen per pet pig pin pit pot put ran rat raw red rib rid rob rod row run sad sat saw say sea see set
sex she shy sin sit six sky son sun tab tag tan tap tar tax tea ten tie tin tip toe ton too top toy try
two use van via war way web wet who why win won yes yet you also able back band bank base bear beat
bell best bind bird blue body bold bond bone book born boss both call calm camp card care case cast chip
city clip club coat code cold come cook cool cope copy core cost crop cure dark data date dead deal dear
deep desk diet dish does done door down draw drop drug dual duck dust duty each earn ease east easy edge
else even ever evil exit face fact fail fair fall fame farm fast fate fear feed feel file fill film find
fine fire firm fish five flat flow fold food foot form fort four free fuel full fund gain game gate gear
gene gift girl give glad goal goes gold gone good grey grip grow hair half hall hand hang hard harm hate
head hear heat held hell help here hero hide high hill hint hold hole holy home hope host hour huge hung
hunt idea into iron item join jump jury just keen keep kept kick kill kind king kiss knee knew know lack
lady laid lake land lane last late lead leaf lean left lens less life lift like limb line link list live
load loan lock long look loop lord lose loss lost loud love luck made mail main make male many mark mask
mass meal mean meat meet menu mere mild mile milk mind mine miss mode mood moon more most move much must
name near neck need news next nice nine none nose note once only open over pace pack page paid pair pale
palm park part pass past path peak pick pile pink pipe plan play plot plus poem pole poll pool poor port
pose post pour pull pure push race rain rank rare rate read real rear rely rest rice rich ride ring rise
risk road rock role roll roof room root rope rose rule rush safe said sake sale salt same sand save seal
seat seed seek seem seen self sell send sent ship shoe shop shot show shut sick side sign silk sing site
size skin slip slow snap snow soft soil sold sole some song soon sort soul spin spot star stay step stop
such suit sure tail take tale talk tall tank tape task team tear tell tend term test text than that them
then they thin this thus tide tile time tiny told tone took tool tour town tree trip true tube tune turn
twin type unit upon used user vary vast very view vote wage wait wake walk wall want warm warn wash wave
weak wear week well went were west what when whom wide wife wild will wind wine wing wire wise wish wood
word wore work yard yeah year your zero zone about above after again alarm alert alien alive allow alone
along alter among angel anger angle angry apple apply april arena argue arise armed array aside asset
avoid award aware awful basic basis beach begin being below bench birth black blade blame blank blind
block blood board boost brain brake brand bread break brief bring broad brown brush build bunch burst
buyer cable carry catch cause chain chair chaos charm chart chase cheap check chest chief child chose
civil claim class clean clear click climb clock close cloud coach coast could count court cover crack
craft crash crazy cream crime cross crowd crown cycle daily dance death delay depth dirty doubt dozen
draft drama dream dress drink drive early earth eight elite empty enemy enjoy enter entry equal error
event every exact exist extra faith false fault favor fence field fifth fifty fight final first flash
fleet flesh floor fluid focus force forth forum found frame fresh front fruit fully funny giant given
glass globe glory grace grade grand grant grass great green gross group guard guess guest guide habit
happy heart heavy hello hence honey horse hotel house human humor ideal image imply index inner input
issue joint judge knife knock label large laser later laugh layer learn least leave legal level light
limit local logic loose lower lucky lunch magic major maker march match maybe mayor medal media mercy
metal meter might minor mixed model money month moral motor mount mouse mouth movie music naked nerve
never night noble noise north noted novel nurse occur ocean offer often order other ought outer owner
paint panel panic paper party peace phase phone photo piano piece pilot pitch place plain plane plant
plate point pound power press price pride prime print prior prize proof proud prove queen quick quiet
quite radio raise range rapid ratio reach react ready realm rebel refer relax reply rider ridge rifle
right rival river robot rough round route royal rural salad scale scene scope score sense serve seven
shade shake shall shape share sharp sheep sheet shelf shell shift shine shirt shoot short shout sight
silly since skill sleep slide small smart smile smoke solid solve sorry sound south space spare speak
speed spend spite split sport staff stage stake stand start state steal steam steel stick still stock
stone store storm story strip stuck study stuff style sugar suite super sweet swing table taste teach
thank theme there these thick thing think third those three throw tight timer tired title today topic
total touch tough tower track trade trail train treat trend trial tribe trick truck truly trust truth
twice uncle under union unity until upper upset urban usage usual valid value video visit vital voice
waste watch water wheel where which while white whole whose woman women world worry worth would write
wrong youth impact spring summer winter autumn signal factor target growth marker control protein
patient patients normal simple little strong general common single double triple rabbit monkey
hedgehog notch frizzled wingless armadillo dishevelled tweak gravity cis lit duo boo lets killer pesky
dieter mar
""".split()  # noqa: SIM905  (a block of words reads better than a list)
)

# AMBIGUOUS_ABBREVIATIONS: gene alias symbols whose dominant meaning in
# pharmacology papers is not the gene (ROS = reactive oxygen species, LPS =
# lipopolysaccharide, HEK = HEK293 cells, SLC = solute carrier, ATC = ATC drug
# code, VISA = vancomycin-intermediate S. aureus), or that are disease /
# syndrome abbreviations (CML, HUS, XLA, IPEX, SCI = spinal cord injury, PKD...).
# Found by listing all 3-6 letter alias symbols left in the gene files.
AMBIGUOUS_ABBREVIATIONS = frozenset(
    """
ros lps hek slc atc visa blast rac cml hus xla ipex ced hht arvd sedc fcas jws khs mws pjs homg cidx
pkd sci
""".split()  # noqa: SIM905  (a block of words reads better than a list)
)

# Gene alias / previous symbols shorter than this are dropped (approved
# symbols are kept whatever their length).
MIN_ALIAS_LEN = 3


def is_common(form: str) -> bool:
    """Tells whether a form is a common English word or an ambiguous abbreviation."""
    return form.lower() in COMMON_WORDS or form.lower() in AMBIGUOUS_ABBREVIATIONS
