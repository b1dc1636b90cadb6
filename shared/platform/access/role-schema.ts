import * as z from 'zod';
import { roles } from './roles';

/** A role in a zod schema (request bodies, queue messages, filters). */
export const roleSchema = z.enum(roles);
