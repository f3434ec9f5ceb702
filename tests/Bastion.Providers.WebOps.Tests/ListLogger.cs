using Microsoft.Extensions.Logging;

namespace Bastion.Providers.WebOps.Tests;

/// <summary>A logger that appends to a shared list.</summary>
internal sealed class ListLogger(List<string> sink) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (sink)
        {
            sink.Add(formatter(state, exception) + exception);
        }
    }
}
