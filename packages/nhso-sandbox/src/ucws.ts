import { NHSO_DATASET_C1_FIELDS, type NhsoDataSetC1, UCWS_NAMESPACE } from '@authenkit/nhso-client/schemas';

/** @internal */
export const xmlEscape = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** @internal Extract a child element's text by local name (namespace prefixes ignored). */
export function xmlText(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z0-9_]+:)?${name}>`).exec(
    xml,
  );
  if (!m) return new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}(?:\\s[^>]*)?/>`).test(xml) ? '' : undefined;
  return (m[1] ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** @internal */
export function soapEnvelope(inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${inner}</S:Body></S:Envelope>`;
}

/** @internal */
export function searchCurrentByPidResponse(data: NhsoDataSetC1): string {
  const fields = NHSO_DATASET_C1_FIELDS.map((f) => {
    const v = data[f];
    return v === undefined || v === null ? '' : `<${f}>${xmlEscape(String(v))}</${f}>`;
  }).join('');
  return soapEnvelope(
    `<ns2:searchCurrentByPIDResponse xmlns:ns2="${UCWS_NAMESPACE}"><return>${fields}</return></ns2:searchCurrentByPIDResponse>`,
  );
}

/** @internal */
export function soapFault(code: string, message: string): string {
  return soapEnvelope(
    `<S:Fault><faultcode>${code}</faultcode><faultstring>${xmlEscape(message)}</faultstring></S:Fault>`,
  );
}

const DATETIME_FIELDS = new Set(['new_date_register', 'ws_date_request']);

/** @internal The WSDL with inline XSD, endpoint pointing at `endpointUrl`. */
export function ucwsWsdl(endpointUrl: string): string {
  const elements = NHSO_DATASET_C1_FIELDS.map((f) => {
    const type = f === 'count_select' ? 'xs:int' : DATETIME_FIELDS.has(f) ? 'xs:dateTime' : 'xs:string';
    return `<xs:element name="${f}" type="${type}" minOccurs="0"/>`;
  }).join('');
  const ns = UCWS_NAMESPACE;
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${ns}" name="UCWSTokenP1">
<types><xs:schema targetNamespace="${ns}" version="1.0">
<xs:element name="searchCurrentByPID" type="tns:searchCurrentByPID"/>
<xs:element name="searchCurrentByPIDResponse" type="tns:searchCurrentByPIDResponse"/>
<xs:complexType name="searchCurrentByPID"><xs:sequence><xs:element name="user_person_id" type="xs:string" minOccurs="0"/><xs:element name="smctoken" type="xs:string" minOccurs="0"/><xs:element name="person_id" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType>
<xs:complexType name="searchCurrentByPIDResponse"><xs:sequence><xs:element name="return" type="tns:nhsoDataSetC1" minOccurs="0"/></xs:sequence></xs:complexType>
<xs:complexType name="nhsoDataSetC1"><xs:sequence>${elements}</xs:sequence></xs:complexType>
</xs:schema></types>
<message name="searchCurrentByPID"><part name="parameters" element="tns:searchCurrentByPID"/></message>
<message name="searchCurrentByPIDResponse"><part name="parameters" element="tns:searchCurrentByPIDResponse"/></message>
<portType name="UCWSTokenP1"><operation name="searchCurrentByPID"><input message="tns:searchCurrentByPID"/><output message="tns:searchCurrentByPIDResponse"/></operation></portType>
<binding name="UCWSTokenP1PortBinding" type="tns:UCWSTokenP1"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
<operation name="searchCurrentByPID"><soap:operation soapAction=""/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation></binding>
<service name="UCWSTokenP1"><port name="UCWSTokenP1Port" binding="tns:UCWSTokenP1PortBinding"><soap:address location="${xmlEscape(endpointUrl)}"/></port></service>
</definitions>`;
}
