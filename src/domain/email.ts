/** What the domain accepts as an email address: something@somewhere, without spaces. */

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export const isEmailAddress = (value: string): boolean => EMAIL.test(value);
