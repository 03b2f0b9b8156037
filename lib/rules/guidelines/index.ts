/** The imaging guideline rules the AI pipelines and the reading screens share; see each module's citation. */
export * from './common.js';
export * from './fleischner2017.js';
export * from './lung-rads-2022.js';
export * from './birads5.js';
export * from './birads-ultrasound.js';
export * from './lung-nodule-type.js';
export * from './brain-lesion.js';
export * from './breast-extent.js';
export * from './rad-path-concordance.js';
export * from './pancreas-lesion.js';
export * from './skin-lesion.js';
