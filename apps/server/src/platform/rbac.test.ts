import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MATRIX,
  PERMISSIONS,
  permissionsOf,
  ROLES,
  renderPermissionsTable,
  requirePermission,
} from './rbac.ts';

describe('permissions matrix', () => {
  it('grants the widest scope when roles overlap', () => {
    const granted = permissionsOf(['supervisor', 'workforce_planner']);
    expect(granted.get('staff.read')).toBe('all');
    expect(granted.get('supervisor.view')).toBe('team');
    expect(permissionsOf(['unknown-role']).size).toBe(0);
  });

  it('only names known permissions', () => {
    for (const role of ROLES) {
      for (const permission of Object.keys(MATRIX[role])) expect(PERMISSIONS).toContain(permission);
    }
  });

  it('keeps auditors read-only', () => {
    const auditor = permissionsOf(['auditor']);
    for (const p of auditor.keys()) expect(p).toMatch(/\.(read|verify|view)$/);
  });

  it('throws AUTH_REQUIRED without an actor and AUTH_FORBIDDEN without the permission', () => {
    expect(() => requirePermission(null, 'staff.read')).toThrow(
      expect.objectContaining({ code: 'AUTH_REQUIRED', status: 401 }),
    );
  });

  it('is the same table as docs/permissions.md', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../../../docs/permissions.md'), 'utf8');
    expect(doc).toContain(renderPermissionsTable());
  });
});
