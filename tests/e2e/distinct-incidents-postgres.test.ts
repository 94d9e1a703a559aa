// Distinct incidents stay apart and shared guids keep both articles, on postgres: see distinct-incidents-scenarios.ts.
import { describeDistinctIncidents } from './distinct-incidents-scenarios.ts';

describeDistinctIncidents('postgres');
