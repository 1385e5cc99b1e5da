/** One headline figure of an overview (monitoring, supervision): a big number with its label, a link when it leads to the list behind it. */
import { Link } from '../router.js';

export function Stat({ label, value, to, tone = '', testId }: { label: string; value: string; to?: string; tone?: string; testId?: string }) {
  const body = (
    <>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </>
  );
  return (
    <li className={`stat ${tone}`} data-testid={testId}>
      {to ? (
        <Link to={to} className="stat-link">
          {body}
        </Link>
      ) : (
        <div className="stat-link">{body}</div>
      )}
    </li>
  );
}
