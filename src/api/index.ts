/** The REST API: one client, and its types generated from the OpenAPI document. */
export * from './client';
export * from './types';
