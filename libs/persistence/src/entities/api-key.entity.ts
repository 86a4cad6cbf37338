import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApiRole } from '../api-keys/api-roles.js';

/** An API key: only its hash is stored. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'public_id', type: 'text' })
  publicId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: ApiRole;

  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
