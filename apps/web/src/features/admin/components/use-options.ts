import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { branches, departments, teams, useRolesMeta } from '../api.ts';

/** Select options shared by the user, team and token forms, labelled in the UI language. */
export function useOptions() {
  const { t } = useTranslation();
  const roles = useRolesMeta();
  const teamList = teams.useList();
  const departmentList = departments.useList();
  const branchList = branches.useList();
  return {
    roles: (roles.data?.roles ?? []).map((role) => ({ value: role.name, label: t(`roles.${role.name}`) })),
    tokenScopes: (roles.data?.tokenScopes ?? []).map((scope) => ({ value: scope, label: scope })),
    teams: (teamList.data ?? []).map((team) => ({ value: team.id, label: team.name })),
    departments: (departmentList.data ?? []).map((department) => ({
      value: department.id,
      label: department.name,
    })),
    branches: (branchList.data ?? []).map((branch) => ({
      value: branch.id,
      label: `${branch.code} · ${branch.name}`,
    })),
    locales: LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale] })),
    nameOf: {
      team: (id: string) => teamList.data?.find((team) => team.id === id)?.name ?? id,
      department: (id: string | null) =>
        id ? (departmentList.data?.find((d) => d.id === id)?.name ?? id) : '—',
      branch: (id: string | null) => (id ? (branchList.data?.find((b) => b.id === id)?.name ?? id) : '—'),
    },
  };
}
