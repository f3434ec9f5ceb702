using ModelContextProtocol;

namespace Bastion.Providers.WebOps.Tests;

/// <summary>Records progress notifications as they arrive (synchronously, unlike <see cref="Progress{T}"/>).</summary>
internal sealed class ProgressLog : IProgress<ProgressNotificationValue>
{
    private readonly List<ProgressNotificationValue> _values = [];

    public IReadOnlyList<ProgressNotificationValue> Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    /// <summary>The values once at least <paramref name="count"/> arrived (notifications may trail the call's result).</summary>
    public async Task<IReadOnlyList<ProgressNotificationValue>> AtLeastAsync(int count)
    {
        for (var waited = 0; Values.Count < count && waited < 5000; waited += 10)
        {
            await Task.Delay(10);
        }

        return Values;
    }

    public void Report(ProgressNotificationValue value)
    {
        lock (_values)
        {
            _values.Add(value);
        }
    }
}
