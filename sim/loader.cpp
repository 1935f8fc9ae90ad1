#include "sim/loader.h"

#include <fcntl.h>
#include <libelf.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace mcuprof {

namespace {

std::string range(uint32_t addr, uint64_t n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "0x%08x-0x%08llx", unsigned(addr), static_cast<unsigned long long>(addr + n - 1));
  return buf;
}

// One open ELF file; every failure becomes a LoadError naming the file.
class ElfFile {
 public:
  explicit ElfFile(const std::string& path) : path_(path) {
    if (elf_version(EV_CURRENT) == EV_NONE) fail("libelf is unusable: " + std::string(elf_errmsg(-1)));
    fd_ = open(path.c_str(), O_RDONLY);
    if (fd_ < 0) fail("cannot open: " + std::string(std::strerror(errno)));
    elf_ = elf_begin(fd_, ELF_C_READ, nullptr);
    if (!elf_ || elf_kind(elf_) != ELF_K_ELF) fail(has_elf_magic() ? "truncated ELF header" : "not an ELF file");
    raw_ = reinterpret_cast<const uint8_t*>(elf_rawfile(elf_, &size_));
    if (!raw_) fail("cannot read the file: " + std::string(elf_errmsg(-1)));
  }
  ~ElfFile() {
    if (elf_) elf_end(elf_);
    if (fd_ >= 0) close(fd_);
  }
  ElfFile(const ElfFile&) = delete;
  ElfFile& operator=(const ElfFile&) = delete;

  [[noreturn]] void fail(const std::string& what) const { throw LoadError(path_ + ": " + what); }

  // ELF32, little-endian, EM_ARM, with headers inside the file.
  const Elf32_Ehdr& header() {
    if (size_ < EI_NIDENT) fail("truncated ELF header");
    if (raw_[EI_CLASS] != ELFCLASS32) fail("not a 32-bit ELF (ELF class " + std::to_string(raw_[EI_CLASS]) + "): Cortex-M images are ELF32");
    if (raw_[EI_DATA] != ELFDATA2LSB) fail("big-endian ELF: Cortex-M images are little-endian");
    const Elf32_Ehdr* eh = elf32_getehdr(elf_);
    if (!eh) fail("truncated ELF header");
    if (eh->e_machine != EM_ARM) fail("not an Arm ELF (e_machine " + std::to_string(eh->e_machine) + ")");
    check_within("program headers", eh->e_phoff, uint64_t(eh->e_phnum) * eh->e_phentsize);
    check_within("section headers", eh->e_shoff, uint64_t(eh->e_shnum) * eh->e_shentsize);
    return *eh;
  }

  bool has_elf_magic() const {
    char magic[SELFMAG] = {};
    return pread(fd_, magic, SELFMAG, 0) == SELFMAG && std::memcmp(magic, ELFMAG, SELFMAG) == 0;
  }

  void check_within(const std::string& what, uint64_t offset, uint64_t n) const {
    if (offset + n > size_)
      fail("truncated: the " + what + " end at byte " + std::to_string(offset + n) + ", the file has " +
           std::to_string(size_));
  }

  Elf* elf() const { return elf_; }
  const uint8_t* bytes(uint32_t offset) const { return raw_ + offset; }

 private:
  std::string path_;
  int fd_ = -1;
  Elf* elf_ = nullptr;
  const uint8_t* raw_ = nullptr;
  size_t size_ = 0;
};

void load_segments(ElfFile& f, const Elf32_Ehdr& eh, Bus& bus, LoadedImage& image) {
  const Elf32_Phdr* ph = eh.e_phnum ? elf32_getphdr(f.elf()) : nullptr;
  if (eh.e_phnum && !ph) f.fail("cannot read the program headers: " + std::string(elf_errmsg(-1)));
  for (unsigned k = 0; k < eh.e_phnum; ++k) {
    const Elf32_Phdr& p = ph[k];
    if (p.p_type != PT_LOAD || p.p_memsz == 0) continue;
    const std::string which = "segment " + std::to_string(k);
    if (p.p_filesz > p.p_memsz) f.fail(which + " has more file bytes than memory bytes");
    f.check_within(which + "'s bytes", p.p_offset, p.p_filesz);
    if (!bus.program(p.p_paddr, f.bytes(p.p_offset), p.p_filesz))
      f.fail(which + " (" + range(p.p_paddr, p.p_filesz) + ") is outside every memory region");
    const uint32_t zero_at = (p.p_paddr == p.p_vaddr ? p.p_paddr : p.p_vaddr) + p.p_filesz;
    const std::vector<uint8_t> zeros(p.p_memsz - p.p_filesz, 0);
    if (!bus.program(zero_at, zeros.data(), uint32_t(zeros.size())))
      f.fail(which + "'s zero-filled part (" + range(zero_at, zeros.size()) + ") is outside every memory region");
    image.segments.push_back({p.p_paddr, p.p_vaddr, p.p_filesz, p.p_memsz, p.p_flags});
  }
  if (image.segments.empty()) f.fail("no loadable segment (no PT_LOAD with bytes in memory)");
}

void read_symbols(ElfFile& f, LoadedImage& image) {
  for (Elf_Scn* scn = elf_nextscn(f.elf(), nullptr); scn; scn = elf_nextscn(f.elf(), scn)) {
    const Elf32_Shdr* sh = elf32_getshdr(scn);
    if (!sh || sh->sh_type != SHT_SYMTAB) continue;
    f.check_within("symbol table", sh->sh_offset, sh->sh_size);
    const Elf_Data* data = elf_getdata(scn, nullptr);
    if (!data) f.fail("cannot read the symbol table: " + std::string(elf_errmsg(-1)));
    const auto* syms = static_cast<const Elf32_Sym*>(data->d_buf);
    for (size_t k = 0; k < data->d_size / sizeof(Elf32_Sym); ++k) {
      const Elf32_Sym& s = syms[k];
      const unsigned type = ELF32_ST_TYPE(s.st_info);
      if (s.st_shndx == SHN_UNDEF || type == STT_SECTION || type == STT_FILE) continue;
      const char* name = elf_strptr(f.elf(), sh->sh_link, s.st_name);
      if (!name || !*name || *name == '$') continue;  // unnamed, or an ARM mapping symbol ($t, $d)
      const bool fn = type == STT_FUNC;
      image.symbols.push_back({name, fn ? s.st_value & ~1u : s.st_value, s.st_size, fn});
    }
  }
}

}  // namespace

const Symbol* LoadedImage::symbol(std::string_view name) const {
  for (const Symbol& s : symbols)
    if (s.name == name) return &s;
  return nullptr;
}

LoadedImage load_elf(const std::string& path, Bus& bus) {
  ElfFile f(path);
  const Elf32_Ehdr& eh = f.header();
  LoadedImage image;
  image.entry = eh.e_entry;
  load_segments(f, eh, bus, image);
  read_symbols(f, image);
  return image;
}

}  // namespace mcuprof
