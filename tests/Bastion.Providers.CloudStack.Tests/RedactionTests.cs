using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Fakes.CloudStack;
using Bastion.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>
/// After a full run (hosts, reads, a deploy and a stop with confirmation, a call that quotes a credential in its
/// arguments, a session that ends and is renewed), no API key, secret key, password, session key, session cookie or VM
/// one-time password appears in any tool result, any log line (through the redacting logger, as in production) or the
/// audit log; and the provider's own log lines hold none even before redaction.
/// </summary>
public sealed class RedactionTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoCredentialOrSessionSecret_ReachesAResult_ALogLine_OrTheAuditLog(bool session)
    {
        var approve = ApprovingClient.Options();
        await using var bastion = await McpHarness.StartAsync(_fake, Mode.Operator, session, approve);
        var results = new List<CallToolResult>
        {
            await bastion.CallAsync("hosts_list"),
            await bastion.CallAsync("cloudstack_status"),
            await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "zones" }),
            await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "templates" }),
            await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms", ["list_all"] = true }),
            await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "events" }),
            await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "deploy", ["zone_id"] = FakeSeed.ZoneA, ["template_id"] = FakeSeed.TemplateUbuntu, ["service_offering_id"] = FakeSeed.OfferingSmall, ["name"] = "canary-01" }),
            await bastion.CallAsync("cloudstack_vm_control", new() { ["action"] = "stop", ["vm"] = "canary-01" }),
            await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "templates", ["filter"] = "all", ["keyword"] = session ? _fake.Options.Password : _fake.Options.ApiKey }),
        };
        results[6].IsError.ShouldNotBe(true, McpHarness.Text(results[6]));
        var deployJob = results[6].StructuredContent!.Value.GetProperty("job_id").GetString()!;
        if (session)
        {
            _fake.ExpireSessions();
            results.Add(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vms", ["vm"] = "canary-01" }));
            _fake.Count("login").ShouldBe(2);
        }

        var secrets = new List<string> { _fake.Options.ApiKey, _fake.Options.SecretKey, _fake.Options.Password };
        foreach (var request in _fake.Requests)
        {
            foreach (var pair in request.Body.Split('&').Where(p => p.StartsWith("sessionkey=", StringComparison.Ordinal)))
            {
                secrets.Add(Uri.UnescapeDataString(pair["sessionkey=".Length..]));
            }

            if (request.Cookie.StartsWith("JSESSIONID=", StringComparison.Ordinal))
            {
                secrets.Add(request.Cookie["JSESSIONID=".Length..].Split(';')[0]);
            }
        }

        // The one-time password the deploy job produced, read straight from the fake's job.
        using (var direct = Clients.For(Clients.Keys(_fake)))
        {
            var job = await direct.QueryJobAsync(deployJob, CancellationToken.None);
            secrets.Add(job.Result!.Value.GetProperty("virtualmachine").GetProperty("password").GetString()!);
        }

        secrets = secrets.Distinct().ToList();
        secrets.Count.ShouldBeGreaterThanOrEqualTo(session ? 6 : 4);

        var everything = new List<string>();
        foreach (var result in results)
        {
            everything.AddRange(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
            if (result.StructuredContent is { } structured)
            {
                everything.Add(structured.GetRawText());
            }
        }

        string.Join('\n', everything).ShouldContain("canary-01", customMessage: "the tools ran and answered");
        everything.AddRange(bastion.Logs.Lines);
        everything.AddRange(bastion.ProviderLogs.Lines);
        bastion.ProviderLogs.Lines.ShouldContain(l => l.Contains("CloudStack deployVirtualMachine (POST) answered HTTP 200", StringComparison.Ordinal));
        everything.Add(bastion.AuditText);
        foreach (var secret in secrets)
        {

            everything.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), $"a secret of {secret.Length} characters leaked");
            everything.ShouldAllBe(text => !text.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal));
        }
    }
}
