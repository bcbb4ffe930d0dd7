/**
 * Words too common to be worth a token, in English and Spanish (written folded: lower case, no accents,
 * as `normalizeText` leaves them). Dropping them keeps the index smaller and leaks less: the tokens of
 * "the" or "de" would sit in nearly every record, and their frequency is what an attacker with the
 * database would start from. A query made only of such words is refused (nothing to search for).
 */
const ENGLISH = `a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
no nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours yourself yourselves`;

const SPANISH = `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el
ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estaban estado estan estar estas este
esto estos fue fueron ha habia han hasta hay la las le les lo los mas me mi mis mucho muy nada ni no nos
nosotros o os otra otras otro otros para pero poco por porque que quien se sea segun ser si sido sin sobre
son su sus tambien tanto te tiene tienen todo todos tu tus un una unas uno unos usted ustedes y ya yo`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${SPANISH}`.split(/\s+/).filter(Boolean));
