using System.Collections.Concurrent;
using Bastion.Core.Inventory;

namespace Bastion.Core.Execution;

/// <summary>
/// Runners by host kind: the local runner for the local host, and a runner from the matching
/// <see cref="IRemoteRunnerFactory"/> for others (for platform hosts, the factory of the host's <c>backend</c>), kept
/// per host until the host's inventory entry changes.
/// </summary>
public sealed class RunnerProvider(IEnumerable<IRemoteRunnerFactory> factories) : IRunnerProvider
{
    private readonly LocalRunner _local = new();
    private readonly IReadOnlyList<IRemoteRunnerFactory> _factories = factories.ToList();
    private readonly ConcurrentDictionary<string, (Host Host, IHostRunner Runner)> _runners = new(StringComparer.Ordinal);

    public IHostRunner For(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Kind == HostKind.Local)
        {
            return _local;
        }

        if (_runners.TryGetValue(host.Name, out var known) && known.Host.SameAs(host))
        {
            return known.Runner;
        }

        var backend = host.Labels.GetValueOrDefault("backend");
        var factory = _factories.FirstOrDefault(f => f.Kind == host.Kind && (f.Backend is null || string.Equals(f.Backend, backend, StringComparison.Ordinal)))
            ?? throw new BastionException(host.Kind == HostKind.Platform
                ? $"Host '{host.Name}' is known from {host.Labels.GetValueOrDefault("backend", "a hosting platform")}'s API, which runs no commands on it: use that platform's tools, or give Bastion SSH access by adding it to the inventory under the same name (bastion hosts add {host.Name} --address {host.Address ?? "ADDRESS"})."
                : $"Host '{host.Name}' is of kind {host.Kind}, which this Bastion cannot reach.");
        var runner = factory.Create(host);
        _runners[host.Name] = (host, runner);
        return runner;
    }
}
