using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Mcp.Security;
using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Tests.Security;

/// <summary>
/// An in-process Bastion over a fresh temporary folder (mode 0755, data directory inside it), with a redactor that
/// knows the given secrets and every log line kept, Trace and scopes included. Disposing it deletes the folder.
/// </summary>
internal sealed class LoggedServer : IAsyncDisposable
{
    private LoggedServer(string root, ServiceProvider services, InProcessSession session, List<string> logs) =>
        (Root, Services, Session, Logs) = (root, services, session, logs);

    public string Root { get; }

    public ServiceProvider Services { get; }

    public InProcessSession Session { get; }

    public List<string> Logs { get; }

    /// <param name="prefix">The temporary folder's name prefix.</param>
    /// <param name="knownSecrets">The values the redactor knows.</param>
    /// <param name="options">The server's options for a folder; default: read-only mode, data directory in the folder.</param>
    public static async Task<LoggedServer> StartAsync(string prefix, string[] knownSecrets, Func<string, BastionOptions>? options = null)
    {
        var root = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(root, (UnixFileMode)0x1ED);
        var logs = new List<string>();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new LinesLoggerProvider(logs)))
            .AddSingleton(new Redactor(knownSecrets))
            .AddBastion(options?.Invoke(root) ?? new BastionOptions { Paths = new BastionPaths(Path.Combine(root, "data")), Mode = Mode.ReadOnly })
            .AddLogRedaction()
            .BuildServiceProvider();
        return new LoggedServer(root, services, await InProcessSession.StartAsync(services, CancellationToken.None), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await Services.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
