using Bastion.Core.Audit;
using Bastion.Core.Audit.Shipping;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// Shipping to receivers on loopback: a syslog listener (TCP and TLS with a self-signed certificate, octet-counted
/// RFC 5424) and an OTLP/HTTP JSON receiver get every entry in order, with its seq, its hash and its exact line; a
/// receiver stopped mid-run never fails a call, and what its buffer cannot hold is dropped and counted.
/// </summary>
public sealed class AuditShippingTests : IDisposable
{
    private readonly AuditTestLog _test = new(64 * 1024);

    public void Dispose() => _test.Dispose();

    private AuditLog Open(ShippingOptions shipping) =>
        new(new AuditOptions { Directory = _test.AuditDirectory, MaxTotalBytes = null, Shipping = shipping }, _test.Clock);

    private static async Task Eventually(Func<bool> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !condition(); await Task.Delay(50))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Waited 60 s for: {what}");
            }
        }
    }

    private static async Task<List<AuditEntry>> AppendAsync(AuditLog log, int from, int count)
    {
        var entries = new List<AuditEntry>();
        await Task.WhenAll(Enumerable.Range(from, count).Select(async i =>
        {
            var entry = await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None);
            lock (entries)
            {
                entries.Add(entry);
            }
        }));
        return [.. entries.OrderBy(e => e.Seq)];
    }

    private void ShouldMatchTheLog(IReadOnlyList<Received> received, int count)
    {
        var lines = AuditTestLog.Lines(_test.ActivePath);
        received.Select(r => r.Seq).ShouldBe(Enumerable.Range(1, count).Select(i => (long)i));
        received.Select(r => r.Line).ShouldBe(lines.Take(count));
        received.Select(r => r.Hash).ShouldBe(lines.Take(count).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("hash").GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Syslog_ReceivesEveryEntryInOrder_WithSeqHashAndLine(bool tls)
    {
        var ca = Path.Combine(_test.Directory, "receiver.pem");
        await using var receiver = new SyslogReceiver(tls, ca);
        using (var log = Open(new ShippingOptions { Syslog = new Uri($"{(tls ? "tls" : "tcp")}://127.0.0.1:{receiver.Port}"), SyslogCaFile = tls ? ca : null }))
        {
            await AppendAsync(log, 1, 200);
            await Eventually(() => receiver.Received.Count == 200, "200 entries at the syslog receiver");
            log.Shipper!.Sinks.Single().Dropped.ShouldBe(0);
        }

        ShouldMatchTheLog(receiver.Received, 200);
        receiver.Messages[0].ShouldStartWith("<110>1 ");
        receiver.Messages[0].ShouldContain(" bastion ");
        receiver.Messages[0].ShouldContain("tenant=\"acme\"");
    }

    [Fact]
    public async Task Otlp_ReceivesEveryEntryInOrder_AsLogRecordsWithSeqAndHash()
    {
        await using var receiver = new OtlpReceiver();
        using (var log = Open(new ShippingOptions { Otlp = receiver.Endpoint }))
        {
            await AppendAsync(log, 1, 200);
            await Eventually(() => receiver.Received.Count == 200, "200 entries at the OTLP receiver");
        }

        ShouldMatchTheLog(receiver.Received, 200);
        receiver.ContentTypes.ShouldAllBe(c => c == "POST /v1/logs application/json");
    }

    [Fact]
    public async Task AReceiverStoppedMidRun_NeverFailsACall_AndDropsAreCounted()
    {
        var syslog = new SyslogReceiver(tls: false);
        var otlp = new OtlpReceiver();
        using var log = Open(new ShippingOptions
        {
            Syslog = new Uri($"tcp://127.0.0.1:{syslog.Port}"),
            Otlp = otlp.Endpoint,
            BufferEntries = 50,
        });
        await AppendAsync(log, 1, 40);
        await Eventually(() => syslog.Received.Count == 40 && otlp.Received.Count == 40, "the first 40 entries at both receivers");

        await syslog.DisposeAsync();
        await otlp.DisposeAsync();
        var after = await AppendAsync(log, 41, 400);

        after.Select(e => e.Seq).ShouldBe(Enumerable.Range(41, 400).Select(i => (long)i), "every call was recorded");
        await Eventually(() => log.Shipper!.Sinks.All(s => s.Dropped > 0), "drops counted at both sinks");
        log.Shipper!.Sinks.ShouldAllBe(s => s.Dropped <= 400 && s.Sent >= 40);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).EntriesChecked.ShouldBe(440);
    }

    [Fact]
    public async Task AtShutdown_WhatAReceiverDownCouldNotGet_IsCountedAsDropped()
    {
        var log = Open(new ShippingOptions { Otlp = new Uri("http://127.0.0.1:1/v1/logs"), BufferEntries = 100 });
        var shipper = log.Shipper!;
        await AppendAsync(log, 1, 30);

        log.Dispose();

        var sink = shipper.Sinks.Single();
        (sink.Sent, sink.Dropped).ShouldBe((0L, 30L), "every entry still held at shutdown is counted, none is lost silently");
        sink.LastError.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("BASTION_AUDIT_SYSLOG", "udp://127.0.0.1:514", "is not a syslog receiver")]
    [InlineData("BASTION_AUDIT_OTLP", "127.0.0.1:4318", "is not an OTLP/HTTP logs endpoint")]
    public void Options_RefuseAReceiverThatIsNotOne(string variable, string value, string message) =>
        Should.Throw<BastionException>(() => ShippingOptions.From(name => name == variable ? value : null)).Message.ShouldContain(message);
}
