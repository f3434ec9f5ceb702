using System.Diagnostics.Metrics;

namespace Bastion.Testing;

/// <summary>
/// Records what is added to the counter named <paramref name="instrument"/> (on any meter) while it lives: each
/// measurement's value with its tags as <c>key=value</c> strings. Counters are process-wide, so parallel tests may add
/// too: assert on tags that only the test under way produces.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, string[] Tags)> _measurements = [];

    public CounterRecorder(string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var strings = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                strings[i] = $"{tags[i].Key}={tags[i].Value}";
            }

            lock (_measurements)
            {
                _measurements.Add((value, strings));
            }
        });
        _listener.Start();
    }

    /// <summary>The sum of the measurements that carry every one of <paramref name="tags"/> (<c>key=value</c>).</summary>
    public long Sum(params string[] tags)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => tags.All(m.Tags.Contains)).Sum(m => m.Value);
        }
    }

    public void Dispose() => _listener.Dispose();
}
