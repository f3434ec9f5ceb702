using Bastion.Core.Inventory;

namespace Bastion.Core.Execution;

/// <summary>Makes runners for one kind of remote host (e.g. SSH); registered by the project that implements the kind.</summary>
public interface IRemoteRunnerFactory
{
    /// <summary>The kind of host this factory reaches.</summary>
    HostKind Kind { get; }

    /// <summary>A runner for <paramref name="host"/>.</summary>
    IHostRunner Create(Host host);
}
