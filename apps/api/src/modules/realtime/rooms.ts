import { DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES, ROOM } from '@grid/contracts';
import type { AuthUser } from '../auth/auth-user';

/**
 * The rooms a user's sockets join. Pushes about a case go to the room of every area on its path, so
 * joining the room of one's own area (the root of one's scope) receives everything below it.
 */
export function roomsOf(user: Pick<AuthUser, 'id' | 'role' | 'areaId' | 'departmentId'>): string[] {
  const rooms = [ROOM.user(user.id)];
  if (DISTRICT_WIDE_ROLES.includes(user.role)) rooms.push(ROOM.command);
  if (DEPARTMENT_ROLES.includes(user.role)) {
    if (user.departmentId) rooms.push(ROOM.department(user.departmentId));
  } else if (user.areaId) rooms.push(ROOM.area(user.areaId));
  return rooms;
}

/** Where a worker's position goes: the leaders above them (the areas above theirs) and the command centre. */
export function positionRoomsOf(user: Pick<AuthUser, 'areaPath'>): string[] {
  return [...user.areaPath.slice(0, -1).map(ROOM.area), ROOM.command];
}
