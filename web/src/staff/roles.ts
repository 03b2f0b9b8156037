/**
 * Which app each staff role opens after signing in (seed §6.2), and which roles may open an app.
 * The API enforces permissions on every call; these guards only keep people on their own screens.
 */
export const ROLE_HOME: Record<string, string> = {
  doctor: '/doctor',
  nurse: '/nurse',
  front_desk: '/admin',
  radiology_technician: '/radiology-tech',
  radiologist: '/radiology-doctor',
  sysadmin: '/system',
};

export const homeOf = (role: string | undefined) => (role && ROLE_HOME[role]) || '/login/medical';
