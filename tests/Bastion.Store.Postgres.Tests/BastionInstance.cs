using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bastion.Store.Postgres.Tests;

/// <summary>A real <c>bastion serve --http --store …</c> process on a free loopback port, with its own data directory; killed on dispose.</summary>
internal sealed class BastionInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private int _disposed;

    private BastionInstance(Process process, Uri endpoint, string dataDirectory)
    {
        (_process, Endpoint, DataDirectory) = (process, endpoint, dataDirectory);
    }

    public Uri Endpoint { get; }

    public string DataDirectory { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts an instance on <paramref name="database"/>; waits until it listens.</summary>
    public static Task<BastionInstance> StartAsync(TestDatabase database, string dataDirectory, params string[] extra) =>
        StartAsync(database, dataDirectory, new Dictionary<string, string>(), extra);

    /// <summary>Starts an instance on <paramref name="database"/> with <paramref name="environment"/> added; waits until it listens.</summary>
    public static async Task<BastionInstance> StartAsync(TestDatabase database, string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] extra)
    {
        var port = FreePort();
        var start = Start(database, dataDirectory, ["serve", "--http", $"http://127.0.0.1:{port}", "--store", database.Url, .. extra]);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var instance = new BastionInstance(process, new Uri($"http://127.0.0.1:{port}/mcp"), dataDirectory);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (instance._stderr)
            {
                instance._stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!instance.Stderr.Contains("Bastion MCP endpoint", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"bastion serve did not start: {instance.Stderr}");
            }

            await Task.Delay(50);
        }

        return instance;
    }

    /// <summary>Runs a bastion verb to its end against <paramref name="database"/> (PGPASSWORD set) and returns what it printed.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TestDatabase database, string dataDirectory, params string[] args) =>
        RunAsync(database, dataDirectory, null, new Dictionary<string, string>(), args);

    /// <summary>Runs a bastion verb to its end with <paramref name="stdin"/> as its input and <paramref name="environment"/> added.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TestDatabase database, string dataDirectory, string? stdin, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = Start(database, dataDirectory, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a bastion verb with <paramref name="input"/> on stdin and <paramref name="environment"/> added (null values removed).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithAsync(TestDatabase database, string dataDirectory, string? input, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = Start(database, dataDirectory, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo Start(TestDatabase database, string dataDirectory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bastion.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BASTION_DATA_DIR"] = dataDirectory;
        start.Environment["PGPASSWORD"] = TestDatabase.Password ?? string.Empty;
        start.Environment["COLUMNS"] = "250";
        start.Environment.Remove("BASTION_STORE");
        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the process (SIGKILL, no goodbye to anyone) and waits for it; once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
