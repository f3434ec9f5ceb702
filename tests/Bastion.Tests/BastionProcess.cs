using System.Diagnostics;

namespace Bastion.Tests;

/// <summary>Runs the built <c>bastion</c> as a user would, and captures what it prints.</summary>
internal static class BastionProcess
{
    /// <summary>A data directory of the test run's own, so the tests never read or write the user's inventory.</summary>
    public static string DataDirectory { get; } = Directory.CreateTempSubdirectory("bastion-cli-").FullName;

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunInAsync(DataDirectory, args);

    /// <summary>Runs bastion with <paramref name="dataDirectory"/> as its data directory.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string dataDirectory, params string[] args) =>
        RunInAsync(dataDirectory, null, new Dictionary<string, string?>(), args);

    /// <summary>
    /// Runs bastion with <paramref name="dataDirectory"/> as its data directory, <paramref name="stdin"/> (when not null)
    /// piped to its standard input, and <paramref name="environment"/> set (a null value removes the variable).
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(
        string dataDirectory, string? stdin, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bastion.dll"));
        start.Environment["BASTION_DATA_DIR"] = dataDirectory;
        start.Environment["COLUMNS"] = "250";
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

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
