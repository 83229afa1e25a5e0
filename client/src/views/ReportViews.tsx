import { useEffect, useState } from 'react';
import { serverFields } from '../api/graphql.js';
import { ErrorBox, Loading } from '../components/Status.js';
import type { Route } from '../lib/route.js';

const REPORTS = {
  gaps: { title: 'Gap analysis', field: 'gapAnalysis' },
  controls: { title: 'Unified control set', field: 'unifiedControls' },
  ims: { title: 'IMS plan', field: 'imsPlan' },
  soa: { title: 'Statement of Applicability', field: 'statementOfApplicability' },
} as const;

/** Reports the service computes: shown when the server offers them, explained when it does not yet. */
export function ReportView({ route }: { route: Route }) {
  const report = REPORTS[route.view as keyof typeof REPORTS];
  const [fields, setFields] = useState<Set<string> | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    serverFields().then(setFields, setError);
  }, []);
  return (
    <section className="view report">
      <h1>{report.title}</h1>
      {error && <ErrorBox what="what this server offers" error={error} />}
      {!fields && !error && <Loading what="what this server offers" />}
      {fields && !fields.has(report.field) && (
        <p className="status empty">
          This server does not offer the {report.title.toLowerCase()} yet: its GraphQL schema has no <code>{report.field}</code> query. Update the service and reload this page.
        </p>
      )}
    </section>
  );
}
