using Bastion.Core.Inventory;

namespace Bastion.Core.Execution;

/// <summary>Makes runners for one kind of remote host (e.g. SSH); registered by the project that implements the kind.</summary>
public interface IRemoteRunnerFactory
{
    /// <summary>The kind of host this factory reaches.</summary>
    HostKind Kind { get; }

    /// <summary>
    /// For <see cref="HostKind.Platform"/> hosts: the platform (the host's <c>backend</c> label) whose own command API
    /// this factory runs commands through, e.g. <c>alpacon</c>; null for other kinds.
    /// </summary>
    string? Backend => null;

    /// <summary>A runner for <paramref name="host"/>.</summary>
    IHostRunner Create(Host host);
}
