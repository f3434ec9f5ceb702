using System.Text.Json;
using Bastion.Fakes.WebOps;
using ModelContextProtocol.Protocol;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>
/// No password, bearer token, session id or CSRF value reaches a tool's output, a log line or the audit log — even when
/// WebOps itself echoes one back in a deployment log.
/// </summary>
public sealed class RedactionTests
{
    private const string Password = "pw-Canary-7d1e93ab";
    private const string Token = "tok_Canary_5c2f8e1d9a7b";

    [Fact]
    public async Task NoCredential_NorSessionValue_LeavesBastion()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Password = Password, Token = Token, AcceptBearer = true, BuildPolls = 1 });
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake, token: true), mcp: true);
        var client = bastion.Mcp;
        var results = new List<CallToolResult>
        {
            await ConfirmedAsync(client, "webops_deployment_control", new() { ["action"] = "deploy", ["name"] = "blog", ["repository"] = "https://git.example.org/me/blog.git", ["env_vars"] = new Dictionary<string, string> { ["API_TOKEN"] = Token } }),
            await client.CallToolAsync("webops_status", new Dictionary<string, object?> { ["resource"] = "health" }), // needs the session: WebOps takes the token only under /api/
        };

        // WebOps echoes credentials back: a log line with the token, and one with the session and CSRF values it issued.
        var issued = fake.IssuedSecrets;
        issued.ShouldNotBeEmpty();
        fake.Mutate(s =>
        {
            var blog = s.Deployments.Single();
            s.Log(blog, "info", $"Authenticated with Authorization header value {Token}");
            s.Log(blog, "info", "Request cookies: " + string.Join("; ", issued));
            s.Log(blog, "info", $"login form posted password={Password}");
        });
        results.Add(await client.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "logs", ["name"] = "blog" }));
        results.Add(await client.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "status", ["name"] = "blog" }));
        results.Add(await ConfirmedAsync(client, "webops_deployment_control", new() { ["name"] = "blog", ["action"] = "restart" }));
        fake.ExpireSessions();
        results.Add(await client.CallToolAsync("webops_status", new Dictionary<string, object?> { ["resource"] = "health" })); // a second login
        results.Add(await client.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "logs", ["name"] = "blog", ["contains"] = Token }));

        var everything = new List<string>();
        foreach (var result in results)
        {
            everything.Add(Text(result));
            if (result.StructuredContent is { } structured)
            {
                everything.Add(structured.GetRawText());
            }
        }

        string.Join('\n', everything).ShouldContain("Authenticated with Authorization header value [REDACTED:", Case.Sensitive, "the planted lines came back, redacted");
        lock (bastion.Logs)
        {
            bastion.Logs.ShouldContain(l => l.StartsWith("Logged in to WebOps", StringComparison.Ordinal));
            everything.AddRange(bastion.Logs);
        }

        everything.Add(bastion.AuditText());
        fake.Logins.ShouldBe(2);
        foreach (var secret in fake.IssuedSecrets.Concat([Password, Token]))
        {
            everything.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked");
            everything.ShouldAllBe(text => !text.Contains(JsonSerializer.Serialize(secret).Trim('"'), StringComparison.Ordinal));
        }
    }
}
