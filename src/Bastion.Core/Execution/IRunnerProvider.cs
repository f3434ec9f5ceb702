using Bastion.Core.Inventory;

namespace Bastion.Core.Execution;

/// <summary>Gives the runner that reaches a host, by the host's kind.</summary>
public interface IRunnerProvider
{
    /// <summary>The runner for <paramref name="host"/>.</summary>
    IHostRunner For(Host host);
}
