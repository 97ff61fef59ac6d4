import { Checkbox, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type CaseFacetName, type CaseFacetValue, useCaseFacets } from '../api.ts';
import { caseChannelLabel, productLabel } from '../labels.ts';

/** The list query's parameter for each facet. */
const PARAM: Record<CaseFacetName, string> = {
  owner: 'ownerId',
  branch: 'branchId',
  category: 'categoryId',
  product: 'product',
  channel: 'channel',
};

/** Filters a view's list takes beyond status and overdue, as query parameters. */
export type CaseFilterValues = Record<string, string>;

/**
 * The register's filters: owner, branch, category, product and channel, each offering the values
 * found in the view with their numbers of cases, and "due within 7 days" in the complaints register.
 */
export function CaseFilters({
  view,
  value,
  onChange,
}: {
  view: 'mine' | 'team' | 'complaints';
  value: CaseFilterValues;
  onChange: (next: CaseFilterValues) => void;
}) {
  const { t, i18n } = useTranslation();
  const facets = useCaseFacets(view);
  const set = (key: string, v: string | null) => {
    const next = { ...value };
    if (v) next[key] = v;
    else delete next[key];
    onChange(next);
  };
  const labelOf = (facet: CaseFacetName, f: CaseFacetValue) => {
    if (facet === 'category') return f.names?.[i18n.language] ?? f.names?.en ?? f.label;
    if (facet === 'channel') return caseChannelLabel(t, f.value);
    if (facet === 'product') return productLabel(t, f.value);
    return f.label;
  };
  const shown: CaseFacetName[] =
    view === 'mine'
      ? ['branch', 'category', 'product', 'channel']
      : ['owner', 'branch', 'category', 'product', 'channel'];
  return (
    <>
      {shown.map((facet) => {
        const key = PARAM[facet];
        const found = facets.data?.[facet] ?? [];
        const options = found.map((f) => ({ value: f.value, label: `${labelOf(facet, f)} (${f.count})` }));
        // A value from a saved view that no case has now still shows as picked.
        if (value[key] && !found.some((f) => f.value === value[key]))
          options.unshift({ value: value[key], label: `${value[key]} (0)` });
        return (
          <Select
            key={facet}
            w={170}
            label={t(`cases.filter.${facet}`)}
            placeholder={t('cases.filter.any')}
            clearable
            searchable
            value={value[key] ?? null}
            onChange={(v) => set(key, v)}
            data={options}
            nothingFoundMessage={t('cases.filter.none')}
          />
        );
      })}
      {view === 'complaints' && (
        <Checkbox
          label={t('cases.filter.dueThisWeek')}
          checked={value.dueWithinDays === '7'}
          onChange={(e) => set('dueWithinDays', e.currentTarget.checked ? '7' : null)}
        />
      )}
    </>
  );
}
