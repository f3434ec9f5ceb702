using Bastion.Core.History;
using Bastion.Core.Inventory;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>Another place of history (a platform's, say) with fixed cpu.busy_percent samples of the hosts it serves.</summary>
internal sealed class FixedHistorySource(string name, IReadOnlyDictionary<string, IReadOnlyList<(DateTimeOffset Time, double Value)>> samples, TimeSpan interval) : IHistorySource
{
    public string Name => name;

    public bool Serves(Host host) => samples.ContainsKey(host.Name);

    public Task<SourceReading> ReadAsync(Host host, SourceQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(SourceReading.FromSamples(
            samples[host.Name].Select(s => (s.Time, (IReadOnlyList<MetricValue>)[new MetricValue("cpu.busy_percent", string.Empty, s.Value)])),
            query,
            interval));
}
