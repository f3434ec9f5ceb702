namespace Bastion.Mcp.Tests.Observability;

/// <summary>
/// Tests that swap the process's Console.Out and Console.Error run in this collection, which xunit runs on its own after
/// the parallel ones, so no other test's output lands in what they capture.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Process-wide console";
}
