#include "model/fingerprint.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace np {

namespace {

std::string to_hex(const unsigned char* bytes, unsigned int n) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

// Streams canonical text into SHA-256; expression nodes are numbered in the order first met.
class Canonical {
public:
    Canonical() : md_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
        if (!md_ || EVP_DigestInit_ex(md_.get(), EVP_sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 is not available");
    }

    void put(const std::string& s) {
        // Length-prefixed, so that no two sequences of fields give the same text.
        const std::string head = std::to_string(s.size()) + ":";
        EVP_DigestUpdate(md_.get(), head.data(), head.size());
        EVP_DigestUpdate(md_.get(), s.data(), s.size());
    }
    void put(std::uint64_t v) { put(std::to_string(v)); }

    // The node's number; its definition is written the first time it is met.
    std::uint64_t expr(const Expr& e) {
        if (!e) {
            put("null");
            return 0;
        }
        auto it = ids_.find(e.get());
        if (it != ids_.end()) return it->second;
        std::vector<std::uint64_t> args;
        for (const Expr& a : e->args) args.push_back(expr(a));
        const std::uint64_t id = ids_.size() + 1;
        ids_.emplace(e.get(), id);
        put("node");
        put(id);
        put(op_name(e->op));
        put(e->type.str());
        put(e->value);
        if (e->op == Op::Var || e->op == Op::Read) {
            put(e->var);
            put(e->slot);
            put(e->length);
        }
        put(args.size());
        for (std::uint64_t a : args) put(a);
        return id;
    }

    std::string hex() {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_DigestFinal_ex(md_.get(), digest, &n);
        return to_hex(digest, n);
    }

private:
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> md_;
    std::unordered_map<const ExprNode*, std::uint64_t> ids_;
};

void put_property(Canonical& c, const Property& p) {
    c.put("property");
    c.put(p.name);
    c.put(property_kind_name(p.kind));
    c.put(p.blocking ? 1 : 0);
    c.put(p.clauses.size());
    for (const Clause& cl : p.clauses) {
        c.put(static_cast<std::uint64_t>(static_cast<std::int64_t>(cl.transition)));
        c.put(c.expr(cl.bad));
    }
}

}  // namespace

std::string model_fingerprint(const System& sys) {
    Canonical c;
    c.put("neuroproof-model-1");
    c.put(sys.variables.size());
    for (const Variable& v : sys.variables) {
        c.put(v.name);
        c.put(v.type.str());
        c.put(v.length);
        c.put(v.slot);
        c.put(static_cast<std::uint64_t>(v.role));
        c.put(v.bound);
        c.put(v.init.size());
        for (std::uint64_t x : v.init) c.put(x);
    }
    c.put(sys.transitions.size());
    for (const Transition& t : sys.transitions) {
        c.put(t.name);
        c.put(kind_name(t.kind));
        c.put(c.expr(t.guard));
        c.put(t.energy);
        if (t.fairness) c.put(std::string("fairness ") + fairness_name(*t.fairness));
        c.put(t.updates.size());
        for (const Assignment& a : t.updates) {
            c.put(a.var);
            c.put(c.expr(a.index));
            c.put(c.expr(a.value));
        }
    }
    return c.hex();
}

std::string property_fingerprint(const Property& p) {
    Canonical c;
    c.put("neuroproof-property-1");
    put_property(c, p);
    return c.hex();
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 is not available");
    return to_hex(digest, n);
}

}  // namespace np
