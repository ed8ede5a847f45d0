/** The CLI's command groups register on any program: buildCli only composes them. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import * as review from '../src/cli/commands/review.js';
import * as sources from '../src/cli/commands/sources.js';

describe('command groups', () => {
  it('register their commands on a program of their own', () => {
    const program = new Command('t');
    sources.register(program);
    const group = program.commands.find((c) => c.name() === 'sources');
    expect(group?.commands.map((c) => c.name())).toEqual(['add', 'list', 'preview', 'remove']);
  });

  it('let the review group take subcommands beside its own queue action', async () => {
    const program = new Command('t').exitOverride();
    const group = review.register(program);
    const ran: string[] = [];
    group.command('extra').action(() => {
      ran.push('extra');
    });
    await program.parseAsync(['node', 't', 'review', 'extra']);
    expect(ran).toEqual(['extra']);
    expect(group.helpInformation()).toMatch(/--kind <kind>[\s\S]*extra/);
  });
});
