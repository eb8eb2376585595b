using System.Globalization;
using System.Text.Json.Nodes;
using Orleans;
using Orleans.Runtime;

namespace Silo.Membership;

/// <summary>
/// A membership entry as the JSON kept in <c>membership_silos.entry</c>. Addresses are written in
/// Orleans' parsable form and times in UTC round-trip form, so that an entry reads back equal to
/// the one written.
/// </summary>
internal static class MembershipEntryJson
{
    /// <summary>The entry as JSON.</summary>
    public static string Write(MembershipEntry entry) => new JsonObject
    {
        ["silo"] = entry.SiloAddress.ToParsableString(),
        ["status"] = (int)entry.Status,
        ["suspects"] = new JsonArray([.. (entry.SuspectTimes ?? []).Select(s => (JsonNode)new JsonObject
        {
            ["silo"] = s.Item1.ToParsableString(),
            ["time"] = Time(s.Item2),
        })]),
        ["proxyPort"] = entry.ProxyPort,
        ["hostName"] = entry.HostName,
        ["siloName"] = entry.SiloName,
        ["roleName"] = entry.RoleName,
        ["updateZone"] = entry.UpdateZone,
        ["faultZone"] = entry.FaultZone,
        ["startTime"] = Time(entry.StartTime),
        ["iAmAliveTime"] = Time(entry.IAmAliveTime),
    }.ToJsonString();

    /// <summary>The entry the JSON describes.</summary>
    public static MembershipEntry Read(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString((string)node["silo"]!),
            Status = (SiloStatus)(int)node["status"]!,
            SuspectTimes = [.. node["suspects"]!.AsArray().Select(s => Tuple.Create(SiloAddress.FromParsableString((string)s!["silo"]!), Time((string)s["time"]!)))],
            ProxyPort = (int)node["proxyPort"]!,
            HostName = (string?)node["hostName"] ?? "",
            SiloName = (string?)node["siloName"] ?? "",
            RoleName = (string?)node["roleName"],
            UpdateZone = (int)node["updateZone"]!,
            FaultZone = (int)node["faultZone"]!,
            StartTime = Time((string)node["startTime"]!),
            IAmAliveTime = Time((string)node["iAmAliveTime"]!),
        };
    }

    private static string Time(DateTime time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTime Time(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
