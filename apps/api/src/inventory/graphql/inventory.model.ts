import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ImportOutcomeEnum, InventoryFormatEnum } from '../../graphql/models/enums.js';

@ObjectType({ description: 'Rows of an import by outcome' })
export class ImportSummary {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  refused!: number;
}

@ObjectType({ description: 'What an import did with one row' })
export class ImportRow {
  @Field(() => Int, { description: 'CSV: the line the record starts on (the header is line 1); NetBox: the index in results' })
  row!: number;

  @Field(() => String, { nullable: true })
  hostname!: string | null;

  @Field(() => ImportOutcomeEnum)
  outcome!: string;

  @Field(() => String, { nullable: true, description: 'Why the row was refused' })
  reason?: string;

  @Field(() => [String], { nullable: true, description: 'What an update changed: fleet, serial, labels, version, redundancy' })
  changed?: readonly string[];

  @Field(() => [String], { nullable: true })
  warnings?: readonly string[];
}

@ObjectType({ description: 'A fleet as an import names it' })
export class ImportFleet {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: 'The outcome of an inventory import' })
export class InventoryImport {
  @Field(() => ImportFleet, { description: 'Where rows that name no fleet went' })
  fleet!: ImportFleet;

  @Field(() => InventoryFormatEnum)
  format!: string;

  @Field(() => ImportSummary)
  summary!: ImportSummary;

  @Field(() => [String], { description: 'About the file as a whole: unknown CSV columns, unmapped NetBox custom fields, a partial page' })
  warnings!: readonly string[];

  @Field(() => [ImportRow])
  rows!: readonly ImportRow[];
}
