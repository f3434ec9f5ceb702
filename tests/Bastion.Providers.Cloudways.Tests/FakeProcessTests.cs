using System.Diagnostics;
using System.Text.Json;
using Bastion.Fakes.Cloudways;
using Bastion.Testing;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>The fake also runs as a process (for end-to-end tests in other languages): it prints its URL and obeys its flags.</summary>
public sealed class FakeProcessTests
{
    private static string FakeDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "cloudways-fake.dll");
        return File.Exists(beside) ? beside : typeof(CloudwaysFake).Assembly.Location;
    }

    [Fact]
    public async Task TheFakeProcess_PrintsItsUrl_AndServesTheConfiguredAccount()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { FakeDll(), "--port", "0", "--email", "e2e@example.test", "--api-key", "e2e-key-123456", "--read-token", "e2e-read-654321", "--token-lifetime", "120", "--operation-polls", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            line.ShouldNotBeNull().ShouldStartWith("cloudways-fake ready url=http://127.0.0.1:");
            var url = line.Split("url=")[1];
            url.ShouldEndWith("/api/v1");

            using var http = new HttpClient();
            using var refused = await http.PostAsync($"{url}/oauth/access_token", new FormUrlEncodedContent([new("email", "e2e@example.test"), new("api_key", "wrong-key-000000")]));
            using var issued = await http.PostAsync($"{url}/oauth/access_token", new FormUrlEncodedContent([new("email", "e2e@example.test"), new("api_key", "e2e-key-123456")]));
            var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/server/restart") { Content = new FormUrlEncodedContent([new("server_id", "50482")]) };
            request.Headers.Authorization = new("Bearer", "e2e-read-654321");
            using var readOnly = await http.SendAsync(request);
            var state = JsonDocument.Parse(await http.GetStringAsync(url.Replace("/api/v1", "/__fake/state", StringComparison.Ordinal))).RootElement;

            ((int)refused.StatusCode).ShouldBe(401);
            token.GetProperty("expires_in").GetInt64().ShouldBe(120);
            ((int)readOnly.StatusCode).ShouldBe(403);
            state.GetProperty("tokens_issued").GetInt32().ShouldBe(1);
            state.GetProperty("servers")[0].GetProperty("status").GetString().ShouldBe("running");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
