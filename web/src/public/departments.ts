/** The hospital's five departments, in the order the site shows them. */
export const DEPARTMENTS = ['PULMONOLOGY', 'NEUROSURGERY', 'BREAST_SURGERY', 'GASTROENTEROLOGY', 'DERMATOLOGY'] as const;
