namespace Bastion.Http.Tests.Observability;

/// <summary>
/// Tests that observe process-wide state (Bastion's meter and activity source, the console's stderr) run in this
/// collection, which xunit runs on its own after the parallel ones, so other tests' calls do not show up in their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalTelemetryCollection
{
    public const string Name = "Process-wide telemetry";
}
