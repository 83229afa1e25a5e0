import { stem, words } from './text.js';

/**
 * Crosswalk's own small vocabulary of governance concepts: each concept lists phrases that different frameworks
 * use for the same idea ("interested parties", "stakeholders", "AI actors"). A requirement mentioning any phrase
 * gets the concept as an extra search term, so "supplier" in one framework meets "third-party" in another.
 *
 * Kept deliberately general (AI governance, security, privacy and quality management): it must help on any
 * pair of frameworks, not on the shipped crosswalks only.
 */
export const CONCEPTS: Record<string, string[]> = {
  stakeholder: ['interested party', 'stakeholder', 'ai actor', 'affected community', 'affected person', 'external party', 'user', 'end user', 'individual', 'society'],
  supplier: ['supplier', 'third party', 'vendor', 'supply chain', 'outsourced', 'outsourcing', 'external provider', 'partner', 'acquirer', 'procurement', 'acquisition'],
  customer: ['customer', 'client', 'acquirer', 'downstream'],
  leadership: ['top management', 'leadership', 'senior leadership', 'executive', 'board', 'senior management', 'management commitment'],
  accountability: ['accountability', 'accountable', 'responsibility', 'responsible', 'authority', 'role', 'ownership', 'owner', 'duty'],
  policy: ['policy', 'policies', 'procedure', 'rule', 'governance', 'direction'],
  objective: ['objective', 'goal', 'target', 'mission', 'purpose', 'intended use', 'intended purpose'],
  riskAssessment: ['risk assessment', 'risk analysis', 'risk identification', 'identify risk', 'assess risk', 'likelihood', 'magnitude', 'risk criteria', 'risk tolerance', 'risk appetite', 'prioritize risk'],
  riskTreatment: ['risk treatment', 'treat risk', 'mitigation', 'mitigate', 'risk response', 'respond', 'residual risk', 'accept risk', 'risk control', 'countermeasure'],
  impact: ['impact assessment', 'impact', 'consequence', 'harm', 'effect on individual', 'societal', 'fundamental right', 'adverse effect'],
  monitoring: ['monitor', 'monitoring', 'measure', 'measurement', 'metric', 'track', 'tracking', 'observe', 'performance evaluation', 'post market', 'surveillance'],
  testing: ['test', 'testing', 'verification', 'validation', 'verify', 'validate', 'evaluate', 'evaluation', 'tevv', 'acceptance criteria', 'benchmark', 'assurance'],
  documentation: ['documented information', 'documentation', 'document', 'record', 'records', 'technical documentation', 'evidence', 'register'],
  logging: ['log', 'logging', 'event log', 'record keeping', 'audit trail', 'traceability'],
  competence: ['competence', 'competent', 'skill', 'training', 'train', 'expertise', 'proficiency', 'qualification', 'education', 'literacy', 'awareness'],
  communication: ['communication', 'communicate', 'inform', 'information', 'notify', 'notification', 'disclose', 'disclosure', 'report', 'reporting'],
  transparency: ['transparency', 'transparent', 'explainability', 'explainable', 'explain', 'interpretability', 'interpret', 'understandable', 'instructions for use'],
  incident: ['incident', 'breach', 'failure', 'malfunction', 'error', 'serious incident', 'event', 'adverse event', 'contingency', 'recovery'],
  improvement: ['continual improvement', 'improvement', 'improve', 'corrective action', 'nonconformity', 'lessons learned', 'enhancement'],
  audit: ['audit', 'internal audit', 'independent review', 'assessor', 'conformity assessment', 'certification', 'inspection'],
  review: ['management review', 'review', 'periodic review', 'reassess', 'planned interval', 'regularly'],
  resources: ['resource', 'resources', 'budget', 'staffing', 'personnel', 'human resource', 'tool', 'tooling', 'computing', 'infrastructure'],
  inventory: ['inventory', 'asset', 'catalog', 'register', 'list of system'],
  scope: ['scope', 'boundary', 'applicability', 'context', 'setting', 'deployment setting', 'context of use'],
  legal: ['legal', 'law', 'regulation', 'regulatory', 'compliance', 'comply', 'obligation', 'statutory', 'contractual', 'jurisdiction', 'applicable requirement'],
  privacy: ['privacy', 'personal data', 'pii', 'personally identifiable information', 'data protection', 'data subject', 'principal', 'consent', 'gdpr'],
  security: ['security', 'cybersecurity', 'information security', 'resilience', 'resilient', 'adversarial', 'attack', 'poisoning', 'confidentiality', 'integrity', 'availability'],
  robustness: ['robustness', 'robust', 'reliability', 'reliable', 'accuracy', 'accurate', 'validity', 'valid', 'performance', 'consistent'],
  safety: ['safety', 'safe', 'fail safe', 'hazard', 'danger', 'health', 'injury'],
  fairness: ['fairness', 'fair', 'bias', 'discrimination', 'equity', 'equitable', 'diversity', 'inclusion', 'accessibility', 'demographic'],
  humanOversight: ['human oversight', 'oversight', 'human in the loop', 'human intervention', 'override', 'human review', 'human ai', 'stop', 'disengage', 'deactivate', 'switch off'],
  data: ['data', 'dataset', 'data set', 'training data', 'data quality', 'data governance', 'data management', 'data preparation', 'data provenance', 'provenance', 'lineage'],
  lifecycle: ['life cycle', 'lifecycle', 'design', 'development', 'develop', 'deployment', 'deploy', 'operation', 'decommission', 'retire', 'retirement', 'phase out', 'maintenance'],
  change: ['change', 'changes', 'modification', 'update', 'substantial modification', 'change management', 'version'],
  feedback: ['feedback', 'complaint', 'concern', 'grievance', 'appeal', 'redress', 'whistleblow', 'raise concern', 'report problem'],
  requirements: ['requirement', 'specification', 'specify', 'system requirement', 'criteria'],
  environment: ['environmental', 'sustainability', 'energy', 'climate', 'resource consumption'],
  generative: ['generative', 'content provenance', 'synthetic content', 'deepfake', 'hallucination', 'confabulation', 'watermark', 'foundation model', 'general purpose', 'pre trained', 'pretrained'],
  accessControl: ['access control', 'access right', 'authentication', 'identity', 'privilege', 'authorization', 'password'],
  retention: ['retention', 'retain', 'deletion', 'delete', 'disposal', 'dispose', 'erasure', 'destruction', 'storage limitation'],
  planning: ['plan', 'planning', 'planned', 'schedule', 'operational planning', 'programme', 'program'],
  operationalControl: ['operational control', 'control', 'safeguard', 'measure'],
  valueBenefit: ['benefit', 'value', 'cost', 'business value', 'opportunity'],
};

interface Phrase {
  concept: string;
  stems: string[];
}

const PHRASES: Phrase[] = Object.entries(CONCEPTS)
  .flatMap(([concept, phrases]) => phrases.map((p) => ({ concept, stems: words(p).map(stem) })))
  // Longest first, so "risk assessment" is seen before "risk".
  .sort((a, b) => b.stems.length - a.stems.length);

const byFirstStem = new Map<string, Phrase[]>();
for (const phrase of PHRASES) {
  const first = phrase.stems[0]!;
  byFirstStem.set(first, [...(byFirstStem.get(first) ?? []), phrase]);
}

/** Concept ids whose phrases occur in the text (each once), as search terms prefixed with "~". */
export const conceptsOf = (text: string): string[] => [...conceptPhrasesOf(text).keys()];

/** The same concepts, each with the phrases of it that the text uses (as their stems, space-joined). */
export function conceptPhrasesOf(text: string): Map<string, Set<string>> {
  const stems = words(text).map(stem);
  const found = new Map<string, Set<string>>();
  for (let i = 0; i < stems.length; i++) {
    for (const phrase of byFirstStem.get(stems[i]!) ?? []) {
      if (!phrase.stems.every((s, k) => stems[i + k] === s)) continue;
      const key = `~${phrase.concept}`;
      found.set(key, (found.get(key) ?? new Set()).add(phrase.stems.join(' ')));
    }
  }
  return found;
}
