import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../app/sections.ts';
import { canOpenSection } from './api.ts';

const user = (scopes: Record<string, string>) => ({
  permissions: Object.keys(scopes),
  permissionScopes: scopes,
});
const paths = (me: ReturnType<typeof user>) =>
  SECTIONS.filter((section) => canOpenSection(me, section)).map((section) => section.path);

describe('which screens a user sees', () => {
  it('shows bank-wide report screens only to those who see the whole bank’s reports', () => {
    const teamSupervisor = user({ 'reports.view': 'team', 'supervisor.view': 'team', 'desk.use': 'own' });
    const analyst = user({ 'reports.view': 'all', 'quality.evaluate': 'all' });
    expect(paths(teamSupervisor)).toContain('analytics/reports');
    expect(paths(teamSupervisor)).not.toContain('analytics/business-units');
    expect(paths(analyst)).toContain('analytics/business-units');
  });

  it('shows survey definitions to those who may change them: quality.evaluate bank-wide', () => {
    const teamSupervisor = user({ 'reports.view': 'team', 'quality.evaluate': 'team' });
    const analyst = user({ 'reports.view': 'all', 'quality.evaluate': 'all' });
    expect(paths(analyst)).toContain('analytics/survey-definitions');
    expect(paths(teamSupervisor)).toContain('analytics/surveys');
    expect(paths(teamSupervisor)).not.toContain('analytics/survey-definitions');
  });

  it('shows nothing that needs a permission the user lacks', () => {
    const agent = user({ 'desk.use': 'own' });
    expect(paths(agent)).not.toContain('analytics/reports');
    expect(canOpenSection(agent, { permissions: [] })).toBe(true);
  });
});
