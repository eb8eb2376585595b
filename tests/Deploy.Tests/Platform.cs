// These tests run Linux tools (kubectl, ip netns, podman) and set Unix file modes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
