/**
 * Open311 GeoReport v2 response shapes (http://wiki.open311.org/GeoReport_v2), as the official JSON
 * Schemas type them: ids and codes are strings, times are UTC ending in `Z`.
 */
export type Open311Format = 'json' | 'xml';

export interface Open311ServiceEntry {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string | null;
  group: string | null;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export interface Open311ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

export interface Open311CreatedRequest {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}

export interface Open311Token {
  service_request_id: string;
  token: string;
}

export interface Open311Error {
  code: number;
  description: string;
}

export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[];
}
