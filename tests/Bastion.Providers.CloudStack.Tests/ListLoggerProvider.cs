using Microsoft.Extensions.Logging;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>Keeps every log message written (of categories starting with a prefix, when given), so tests can look for secrets in them.</summary>
public sealed class ListLoggerProvider(string? categoryPrefix = null) : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, string line)
    {
        if (categoryPrefix is not null && !category.StartsWith(categoryPrefix, StringComparison.Ordinal))
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(category, $"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
