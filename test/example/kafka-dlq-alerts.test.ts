import { beforeAll, it } from 'vitest';
import { compiledExample, type CompiledExample } from '../support/example.ts';
import { deadLetterIncidents, healthy, healthyWorld, incidentScenario, kafkaIncidents, type Incident } from '../support/example-incidents.ts';
import { runScenariosOnBundle } from '../support/template-scenarios.ts';
import { describeWithTool } from '../support/tools.ts';

let example: CompiledExample;
let world: Map<string, string>;

beforeAll(async () => {
  example = await compiledExample();
  world = healthyWorld(example.result.ir);
});

/** Runs incidents against the example's compiled rule files with promtool. */
function run(incidents: readonly Incident[]): void {
  runScenariosOnBundle(
    example.result.ir.services,
    example.rendered,
    incidents.map((incident) => incidentScenario(world, incident)),
  );
}

describeWithTool('promtool', 'the example system under promtool: Kafka, dead letters and outbox', () => {
  it('a healthy DSRS raises nothing but the Watchdog', () => run([healthy]));
  it('each Kafka incident raises its alert for the right group, topic, service and team, and nothing else', () => run(kafkaIncidents));
  it('each dead-letter and outbox incident raises its alert with the DLQ topic and owner', () => run(deadLetterIncidents));
});
