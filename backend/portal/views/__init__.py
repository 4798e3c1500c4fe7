"""Producer portal pages (/kenh-nguoi-ban/), centre moderation pages (/trung-tam/), private files."""
