#include "site/page_fingerprint.hpp"

namespace folio {

namespace {

// Fields are length-prefixed, so that no two different lists of them write
// the same text ("ab" + "c" against "a" + "bc").
class Fingerprint {
 public:
  Fingerprint& operator<<(std::string_view text) {
    out_ += std::to_string(text.size());
    out_ += ':';
    out_ += text;
    return *this;
  }
  Fingerprint& operator<<(std::int64_t number) {
    out_ += std::to_string(number);
    out_ += ';';
    return *this;
  }
  Fingerprint& operator<<(bool flag) { return *this << std::int64_t{flag ? 1 : 0}; }
  Fingerprint& operator<<(TimePoint t) {
    return *this << std::int64_t{t.time_since_epoch().count()};
  }
  template <class T>
  Fingerprint& operator<<(const std::optional<T>& value) {
    return value ? *this << true << *value : *this << false;
  }
  Fingerprint& operator<<(const TagView& tag) { return *this << tag.name << tag.slug; }
  Fingerprint& operator<<(const PostView& post) {
    *this << post.id << post.title << post.slug << post.content << post.author
          << post.author_username << post.created_at << post.draft << post.published_at
          << post.comment_count << static_cast<std::int64_t>(post.tags.size());
    for (const TagView& tag : post.tags)
      *this << tag;
    return *this;
  }
  Fingerprint& operator<<(const CommentView& c) {
    return *this << c.id << c.post_id << c.post_title << c.author << c.website << c.content
                 << c.created_at << c.pending;
  }
  template <class T>
  Fingerprint& operator<<(const std::vector<T>& items) {
    *this << static_cast<std::int64_t>(items.size());
    for (const T& item : items)
      *this << item;
    return *this;
  }

  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string page_fingerprint(const PostWithComments& page) {
  Fingerprint f;
  f << std::string_view("post") << page.post << std::int64_t{page.page} << page.has_next
    << page.comments;
  return f.take();
}

std::string page_fingerprint(std::string_view list, const PageOf<PostView>& page) {
  Fingerprint f;
  f << list << std::int64_t{page.page} << page.has_next << page.items;
  return f.take();
}

std::string page_fingerprint(std::string_view list, const PageOf<CommentView>& page) {
  Fingerprint f;
  f << list << std::int64_t{page.page} << page.has_next << page.items;
  return f.take();
}

}  // namespace folio
