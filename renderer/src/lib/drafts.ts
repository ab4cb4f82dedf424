import type { Address } from '../../../shared/contract/common.js';
import type { ChildInput, DietNeed, Guardian, GuardianInput, Child } from '../../../shared/contract/families.js';
import { deskToday } from './today.js';

/** What a form holds while the agent types (strings everywhere), and its conversion to the contract. */

export interface AddressDraft {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
}

export const emptyAddress = (): AddressDraft => ({ line1: '', line2: '', postalCode: '75011', city: 'Paris' });

export function addressDraft(a: Address | null | undefined): AddressDraft {
  if (!a) return emptyAddress();
  return { line1: a.line1, line2: a.line2 ?? '', postalCode: a.postalCode, city: a.city };
}

export function addressInput(d: AddressDraft) {
  return { line1: d.line1, line2: d.line2.trim() === '' ? null : d.line2, postalCode: d.postalCode, city: d.city };
}

export interface GuardianDraft {
  id?: string;
  rank: 1 | 2;
  lastName: string;
  firstName: string;
  isPayer: boolean;
  email: string;
  phoneMobile: string;
  phoneHome: string;
  phoneWork: string;
  ownAddress: boolean;
  address: AddressDraft;
}

export function emptyGuardian(rank: 1 | 2, lastName = ''): GuardianDraft {
  return {
    rank,
    lastName,
    firstName: '',
    isPayer: rank === 1,
    email: '',
    phoneMobile: '',
    phoneHome: '',
    phoneWork: '',
    ownAddress: false,
    address: emptyAddress(),
  };
}

export function guardianDraft(g: Guardian): GuardianDraft {
  return {
    id: g.id,
    rank: g.rank,
    lastName: g.lastName,
    firstName: g.firstName,
    isPayer: g.isPayer,
    email: g.email ?? '',
    phoneMobile: g.phoneMobile ?? '',
    phoneHome: g.phoneHome ?? '',
    phoneWork: g.phoneWork ?? '',
    ownAddress: g.address !== null,
    address: addressDraft(g.address),
  };
}

export function guardianInput(d: GuardianDraft): GuardianInput {
  const out: GuardianInput = {
    rank: d.rank,
    lastName: d.lastName,
    firstName: d.firstName,
    isPayer: d.isPayer,
    email: d.email,
    phoneMobile: d.phoneMobile,
    phoneHome: d.phoneHome,
    phoneWork: d.phoneWork,
    address: d.ownAddress ? addressInput(d.address) : null,
  };
  if (d.id) out.id = d.id;
  return out;
}

export interface ChildDraft {
  /** Local key of a row in a form (children being created have no id yet). */
  key: string;
  id?: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  schoolId: string;
  className: string;
  enrolledFrom: string;
  enrolledTo: string;
  dietNeed: DietNeed;
  weekdays: number[];
}

let childKey = 0;

export function emptyChild(lastName = ''): ChildDraft {
  return {
    key: `new-${++childKey}`,
    lastName,
    firstName: '',
    birthDate: '',
    schoolId: '',
    className: '',
    enrolledFrom: deskToday(),
    enrolledTo: '',
    dietNeed: 'none',
    weekdays: [1, 2, 3, 4, 5],
  };
}

export function childDraft(c: Child): ChildDraft {
  return {
    key: c.id,
    id: c.id,
    lastName: c.lastName,
    firstName: c.firstName,
    birthDate: c.birthDate,
    schoolId: c.schoolId ?? '',
    className: c.className ?? '',
    enrolledFrom: c.enrolledFrom,
    enrolledTo: c.enrolledTo ?? '',
    dietNeed: c.dietNeed,
    weekdays: c.weekdays.length > 0 ? [...c.weekdays] : [1, 2, 3, 4, 5],
  };
}

/** `withRhythm`: send the rhythm (creation only; later changes go through children.setRhythm). */
export function childInput(d: ChildDraft, withRhythm: boolean): ChildInput {
  const out: ChildInput = {
    lastName: d.lastName,
    firstName: d.firstName,
    birthDate: d.birthDate,
    schoolId: d.schoolId === '' ? null : d.schoolId,
    className: d.className,
    enrolledFrom: d.enrolledFrom,
    enrolledTo: d.enrolledTo === '' ? null : d.enrolledTo,
    dietNeed: d.dietNeed,
  };
  if (d.id) out.id = d.id;
  if (withRhythm) out.weekdays = d.weekdays;
  return out;
}
