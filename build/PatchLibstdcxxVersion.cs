using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Makes TorchSharp's native library load on Debian 12. MSBuild compiles this file as an inline
/// task (RoslynCodeTaskFactory, against .NET Standard), so it keeps to what that offers.
/// <para>
/// libLibTorchSharp.so 0.107 was linked with GCC 13 and so asks libstdc++ for version
/// GLIBCXX_3.4.32; Debian 12's libstdc++ (GCC 12) stops at GLIBCXX_3.4.30, and the loader refuses
/// the library. The one symbol it wants at that version is std::ios_base_library_init(), which
/// GCC 13's &lt;iostream&gt; names only to pull libstdc++'s own iostream start-up into the link:
/// nothing calls it and no relocation binds it, so the loader never looks it up. GCC 12's
/// libstdc++ starts iostreams its own way, with a static initialiser in each user of
/// &lt;iostream&gt; (libtorch's libraries among them).
/// </para>
/// <para>
/// So the task renames that one version requirement in the library's string table to
/// GLIBCXX_3.4.30 (same length; the entry's hash is recomputed). It does so only when the
/// libstdc++ that this machine's .NET runs with lacks GLIBCXX_3.4.32, and it refuses if any
/// relocation binds a symbol of that version, since then the symbol would really be needed. It
/// writes a new file and moves it over the build output's copy: a hard link into the NuGet cache
/// is replaced, never written through, and system libraries are never touched.
/// </para>
/// </summary>
public sealed class PatchLibstdcxxVersion : Task
{
    private const string Needed = "GLIBCXX_3.4.32";
    private const string Available = "GLIBCXX_3.4.30";

    /// <summary>The copies of libLibTorchSharp.so in a build or publish output.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = new ITaskItem[0];

    /// <inheritdoc />
    public override bool Execute()
    {
        var libstdcxx = LoadedLibstdcxx();
        if (libstdcxx == null || Contains(File.ReadAllBytes(libstdcxx), Encoding.ASCII.GetBytes(Needed + "\0")))
            return true;
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var image = File.ReadAllBytes(path);
                if (!Rewrite(image, path))
                    continue;
                var temporary = path + ".patching";
                File.WriteAllBytes(temporary, image);
                File.Delete(path);
                File.Move(temporary, path);
                Log.LogMessage(MessageImportance.Normal, "{0}: requirement {1} renamed to {2} for {3}", path, Needed, Available, libstdcxx);
            }
            catch (InvalidDataException e)
            {
                Log.LogError("{0} Build on a machine whose libstdc++ has {1} (GCC 13 or newer).", e.Message, Needed);
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>The libstdc++ this process has loaded, which is the one .NET programs here run with.</summary>
    private static string LoadedLibstdcxx()
    {
        if (!File.Exists("/proc/self/maps"))
            return null;
        return File.ReadAllLines("/proc/self/maps")
            .Select(line => line.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("libstdc++.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .FirstOrDefault();
    }

    private static bool Rewrite(byte[] image, string path)
    {
        var elf = new Elf(image, path);
        var changed = false;
        foreach (var aux in elf.VersionNeeds().Where(aux => elf.String(aux.Name) == Needed).ToList())
        {
            if (elf.RelocatedVersionIndices().Contains(aux.Index))
                throw new InvalidDataException(path + ": a relocation binds a symbol of " + Needed + ", so the requirement is real.");
            var name = elf.StringOffset(aux.Name);
            if (image[name - 1] != 0)
                throw new InvalidDataException(path + ": " + Needed + " shares its string with another name.");
            Encoding.ASCII.GetBytes(Available).CopyTo(image, name);
            BitConverter.GetBytes(ElfHash(Available)).CopyTo(image, aux.Offset);
            changed = true;
        }
        return changed;
    }

    /// <summary>The System V ELF hash that version entries carry.</summary>
    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0)
                h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = Array.IndexOf(haystack, needle[0]); i >= 0 && i <= haystack.Length - needle.Length; i = Array.IndexOf(haystack, needle[0], i + 1))
            if (haystack.Skip(i).Take(needle.Length).SequenceEqual(needle))
                return true;
        return false;
    }

    private struct VersionNeed
    {
        public int Offset;
        public int Index;
        public long Name;
    }

    /// <summary>Just enough of an ELF64 little-endian reader to walk the dynamic section's version and relocation tables.</summary>
    private sealed class Elf
    {
        private const long PtLoad = 1, PtDynamic = 2;
        private const long DtStrtab = 5, DtRela = 7, DtRelasz = 8, DtJmprel = 23, DtPltrelsz = 2;
        private const long DtVersym = 0x6ffffff0, DtVerneed = 0x6ffffffe, DtVerneednum = 0x6fffffff;

        private readonly byte[] image;
        private readonly List<long[]> loads = new List<long[]>();
        private readonly Dictionary<long, long> dynamic = new Dictionary<long, long>();

        public Elf(byte[] image, string path)
        {
            this.image = image;
            if (image.Length < 64 || image[0] != 0x7f || image[1] != 'E' || image[2] != 'L' || image[3] != 'F' || image[4] != 2 || image[5] != 1)
                throw new InvalidDataException(path + " is not an ELF64 little-endian file.");
            var phoff = I64(0x20);
            int phentsize = U16(0x36), phnum = U16(0x38);
            for (var i = 0; i < phnum; i++)
            {
                var at = phoff + (long)i * phentsize;
                long type = U32(at), offset = I64(at + 8), vaddr = I64(at + 16), size = I64(at + 32);
                if (type == PtLoad)
                    loads.Add(new[] { vaddr, offset, size });
                else if (type == PtDynamic)
                    for (var entry = offset; entry + 16 <= offset + size && I64(entry) != 0; entry += 16)
                        dynamic[I64(entry)] = I64(entry + 8);
            }
            if (!dynamic.ContainsKey(DtStrtab))
                throw new InvalidDataException(path + " has no dynamic string table.");
        }

        /// <summary>Every (library, version) requirement, as Elf64_Vernaux entries.</summary>
        public IEnumerable<VersionNeed> VersionNeeds()
        {
            long verneed;
            if (!dynamic.TryGetValue(DtVerneed, out verneed))
                yield break;
            long count;
            dynamic.TryGetValue(DtVerneednum, out count);
            var need = FileOffset(verneed);
            for (var n = 0L; n < count; n++)
            {
                var aux = need + U32(need + 8);
                for (var a = 0; a < U16(need + 2); a++)
                {
                    yield return new VersionNeed { Offset = (int)aux, Index = U16(aux + 6) & 0x7fff, Name = U32(aux + 8) };
                    aux += U32(aux + 12);
                }
                need += U32(need + 12);
            }
        }

        /// <summary>The version indices of the symbols that dynamic relocations bind.</summary>
        public HashSet<int> RelocatedVersionIndices()
        {
            var indices = new HashSet<int>();
            long versym;
            if (!dynamic.TryGetValue(DtVersym, out versym))
                return indices;
            var versymOffset = FileOffset(versym);
            foreach (var table in new[] { new[] { DtRela, DtRelasz }, new[] { DtJmprel, DtPltrelsz } })
            {
                long address;
                if (!dynamic.TryGetValue(table[0], out address))
                    continue;
                var start = FileOffset(address);
                for (var r = start; r < start + dynamic[table[1]]; r += 24)
                {
                    var symbol = (long)((ulong)I64(r + 8) >> 32);
                    if (symbol != 0)
                        indices.Add(U16(versymOffset + 2 * symbol) & 0x7fff);
                }
            }
            return indices;
        }

        public int StringOffset(long name) => (int)(FileOffset(dynamic[DtStrtab]) + name);

        public string String(long name)
        {
            var start = StringOffset(name);
            return Encoding.ASCII.GetString(image, start, Array.IndexOf(image, (byte)0, start) - start);
        }

        private long FileOffset(long vaddr)
        {
            foreach (var load in loads)
                if (vaddr >= load[0] && vaddr < load[0] + load[2])
                    return vaddr - load[0] + load[1];
            throw new InvalidDataException("address 0x" + vaddr.ToString("x") + " lies in no loaded segment.");
        }

        private int U16(long at) => BitConverter.ToUInt16(image, (int)at);
        private long U32(long at) => BitConverter.ToUInt32(image, (int)at);
        private long I64(long at) => BitConverter.ToInt64(image, (int)at);
    }
}
